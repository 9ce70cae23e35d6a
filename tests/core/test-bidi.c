/* test-bidi.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "calbook-bidi.h"

#define FSI "\u2068"
#define PDI "\u2069"

/* An override with no end would reverse what follows it: the controls go,
 * the rest is isolated */
static void
test_override_dropped (void)
{
  g_autofree char *isolated = calbook_bidi_isolate ("Intro \u202Ellac\u202C call \u202Eexe.txt");

  g_assert_cmpstr (isolated, ==, FSI "Intro llac call exe.txt" PDI);
}

/* Every explicit control: embeddings, overrides, isolates and pops */
static void
test_every_control_dropped (void)
{
  static const char *controls[] = { "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",
                                    "\u2066", "\u2067", "\u2068", "\u2069" };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autofree char *text = g_strconcat ("a", controls[i], "b", NULL);
      g_autofree char *isolated = calbook_bidi_isolate (text);

      g_assert_cmpstr (isolated, ==, FSI "ab" PDI);
    }
}

/* Right-to-left names keep their letters and marks, set apart */
static void
test_right_to_left_isolated (void)
{
  g_autofree char *hebrew = calbook_bidi_isolate ("שלום!");
  g_autofree char *arabic = calbook_bidi_isolate ("مرحبا \u200Fabc");

  g_assert_cmpstr (hebrew, ==, FSI "שלום!" PDI);
  g_assert_cmpstr (arabic, ==, FSI "مرحبا \u200Fabc" PDI);
  g_assert_true (calbook_bidi_needs_isolate ("\U00010900"));
}

/* Nothing to reorder: the same text, so that it still compares and searches */
static void
test_plain_unchanged (void)
{
  const char *texts[] = { "", "Intro Call", "Zoë Ødegaard · 日本語 <b>x</b>", "Ünïcödé — ok" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *isolated = calbook_bidi_isolate (texts[i]);

      g_assert_cmpstr (isolated, ==, texts[i]);
      g_assert_false (calbook_bidi_needs_isolate (texts[i]));
    }

  g_assert_null (calbook_bidi_isolate (NULL));
  g_assert_false (calbook_bidi_needs_isolate (NULL));
}

/* Broken UTF-8 from a server comes back valid */
static void
test_invalid_made_valid (void)
{
  g_autofree char *isolated = calbook_bidi_isolate ("bad \xff\xfe end \u202E");

  g_assert_true (g_utf8_validate (isolated, -1, NULL));
  g_assert_true (g_str_has_prefix (isolated, FSI "bad "));
  g_assert_true (g_str_has_suffix (isolated, " end " PDI));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bidi/override-dropped", test_override_dropped);
  g_test_add_func ("/bidi/every-control-dropped", test_every_control_dropped);
  g_test_add_func ("/bidi/right-to-left-isolated", test_right_to_left_isolated);
  g_test_add_func ("/bidi/plain-unchanged", test_plain_unchanged);
  g_test_add_func ("/bidi/invalid-made-valid", test_invalid_made_valid);

  return g_test_run ();
}
