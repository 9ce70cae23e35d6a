/* test-slots.c: the free times read from /v2/slots answers, the sandbox's
 * real ones and the loose shapes the spec allows
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-slots.h"
#include "sandbox-test-util.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
format_starts (GPtrArray *starts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < starts->len; i++)
    {
      g_autofree char *text = g_date_time_format_iso8601 (g_ptr_array_index (starts, i));

      g_string_append_printf (out, "%s%s", i > 0 ? " " : "", text);
    }
  return g_string_free (out, FALSE);
}

/* Two days of the sandbox's answer, in either format: every start, in order */
static void
test_sandbox_answer (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  const char *formats[] = { "&format=range", "" };

  calbook_sandbox_set_now (fixture->sandbox, 1893456000);   /* 2030-01-01 */
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *path = g_strdup_printf ("/v2/slots?eventTypeId=1021&start=2030-01-07&end=2030-01-08"
                                               "&timeZone=Europe/Oslo%s", formats[f]);
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, NULL, V_SLOTS, NULL);
      JsonObject *days = sandbox_reply_data_object (reply);
      g_autoptr(GPtrArray) starts = calbook_slots_read_starts (days);
      guint expected = 0;
      g_autoptr(GList) names = json_object_get_members (days);

      for (GList *l = names; l != NULL; l = l->next)
        expected += json_array_get_length (json_object_get_array_member (days, l->data));
      g_assert_cmpuint (expected, >, 20);
      g_assert_cmpuint (starts->len, ==, expected);
      for (guint i = 1; i < starts->len; i++)
        g_assert_cmpint (g_date_time_compare (g_ptr_array_index (starts, i - 1),
                                              g_ptr_array_index (starts, i)), <, 0);
    }
}

/* Strings as the spec's schema says, objects as the server sends, days
 * out of order, and whatever cannot be read left out */
static void
test_loose_shapes (void)
{
  g_autoptr(JsonObject) days = parse_object ("{\"2030-01-08\": [\"2030-01-08T09:00:00Z\", {\"start\": 42},"
                                             " {\"end\": \"2030-01-08T10:00:00Z\"}, \"not a time\", null],"
                                             " \"2030-01-07\": [{\"start\": \"2030-01-07T10:00:00+01:00\"}],"
                                             " \"x\": {\"start\": \"2030-01-06T10:00:00Z\"}, \"y\": null}");
  g_autoptr(GPtrArray) starts = calbook_slots_read_starts (days);
  g_autoptr(GPtrArray) none = calbook_slots_read_starts (NULL);
  g_autofree char *text = format_starts (starts);

  g_assert_cmpstr (text, ==, "2030-01-07T10:00:00+01 2030-01-08T09:00:00Z");
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/slots/sandbox-answer", test_sandbox_answer);
  g_test_add_func ("/core/slots/loose-shapes", test_loose_shapes);

  return g_test_run ();
}
