/* test-markup.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-markup.h"

static void
on_markup_text_cb (GMarkupParseContext *context,
                   const char          *text,
                   gsize                length,
                   gpointer             user_data,
                   GError             **error)
{
  g_string_append_len (user_data, text, length);
}

char *
test_markup_text (const char *markup)
{
  static const GMarkupParser parser = { NULL, NULL, on_markup_text_cb, NULL, NULL };
  GString *text = g_string_new (NULL);
  g_autofree char *document = g_strdup_printf ("<markup>%s</markup>", markup);
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, text, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_markup_parse_context_parse (context, document, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);

  return g_string_free (text, FALSE);
}
