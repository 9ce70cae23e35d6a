/* calbook-bidi.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "calbook-bidi.h"

#define FIRST_STRONG_ISOLATE "\u2068"
#define POP_DIRECTIONAL_ISOLATE "\u2069"

/* LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI */
static gboolean
is_explicit_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Characters of a right-to-left script (Unicode bidi classes R and AL), and
 * the right-to-left and Arabic letter marks */
static gboolean
is_right_to_left (gunichar c)
{
  return (c >= 0x0590 && c <= 0x08FF) ||
         c == 0x200F || c == 0x061C ||
         (c >= 0xFB1D && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF) ||
         (c >= 0x10800 && c <= 0x10FFF) ||
         (c >= 0x1E800 && c <= 0x1EFFF);
}

/**
 * calbook_bidi_needs_isolate:
 * @text: (nullable): UTF-8 text
 *
 * Returns: whether @text has right-to-left characters or explicit bidi
 *   controls (invalid UTF-8 counts as needing it)
 */
gboolean
calbook_bidi_needs_isolate (const char *text)
{
  if (text == NULL)
    return FALSE;

  if (!g_utf8_validate (text, -1, NULL))
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c;

      /* ASCII is never either */
      if ((guchar) *p < 0x80)
        continue;

      c = g_utf8_get_char (p);
      if (is_explicit_control (c) || is_right_to_left (c))
        return TRUE;
    }

  return FALSE;
}

/**
 * calbook_bidi_isolate:
 * @text: (nullable): UTF-8 text from the network
 *
 * Returns: (transfer full) (nullable): @text, unable to reorder what is
 *   around it (see the header); %NULL for %NULL
 */
char *
calbook_bidi_isolate (const char *text)
{
  g_autofree char *valid = NULL;
  GString *isolated;

  if (text == NULL)
    return NULL;

  if (!calbook_bidi_needs_isolate (text))
    return g_strdup (text);

  valid = g_utf8_make_valid (text, -1);
  isolated = g_string_sized_new (strlen (valid) + 2 * strlen (FIRST_STRONG_ISOLATE));
  g_string_append (isolated, FIRST_STRONG_ISOLATE);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_explicit_control (c))
        g_string_append_unichar (isolated, c);
    }
  g_string_append (isolated, POP_DIRECTIONAL_ISOLATE);

  return g_string_free (isolated, FALSE);
}
