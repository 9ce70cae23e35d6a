/* test-sandbox-ties.c: equal updatedAt stamps, their order, keyset paging
 * by updatedAt and null stamps
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

/* 2030-01-01T00:00:00Z: the seeded bookings lie around the real date, so
 * January 2030 is free. Zoë works 08:00–16:00 UTC in winter. */
#define NOW_2030 G_GINT64_CONSTANT (1893456000)
#define ZOE_30MIN 1021
#define ZOE_COACHING 1024
#define CLIENT "tie.client@example.com"
#define STAMP "2030-01-01T06:00:00.000Z"

/* Auxiliary methods */

static SandboxFixture *
new_fixture (void)
{
  SandboxFixture *fixture = sandbox_fixture_new (1, 0);

  calbook_sandbox_set_now (fixture->sandbox, NOW_2030);
  return fixture;
}

static SandboxReply *
create (SandboxFixture *fixture,
        gint64          event_type_id,
        const char     *start)
{
  g_autofree char *body = g_strdup_printf ("{\"start\":\"%s\",\"eventTypeId\":%" G_GINT64_FORMAT ","
                                           "\"attendee\":{\"name\":\"Tie Client\",\"email\":\"" CLIENT "\","
                                           "\"timeZone\":\"Europe/Oslo\"}}",
                                           start, event_type_id);

  return sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS, body);
}

/* Six bookings of Zoë's on 7 January 2030, by start */
static GPtrArray *
create_six (SandboxFixture *fixture)
{
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *start = g_strdup_printf ("2030-01-07T%02u:00:00Z", 8 + i);
      g_autoptr(SandboxReply) reply = create (fixture, ZOE_30MIN, start);

      g_assert_cmpuint (reply->status, ==, 201);
      g_ptr_array_add (uids, g_strdup (json_object_get_string_member (sandbox_reply_data_object (reply), "uid")));
    }

  return uids;
}

static void
set_stamp (SandboxFixture *fixture,
           const char     *uid,
           const char     *stamp)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/bookings/%s", uid);
  g_autofree char *body = stamp != NULL ? g_strdup_printf ("{\"updatedAt\":\"%s\"}", stamp)
                                        : g_strdup ("{\"updatedAt\":null}");
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "PATCH", path, NULL, NULL, body);

  g_assert_cmpuint (reply->status, ==, 200);
}

/* Zoë's bookings with the test client: the uids in answer order, joined
 * by spaces; @total gets totalItems */
static char *
list_uids (SandboxFixture *fixture,
           const char     *query,
           gint64         *total)
{
  g_autofree char *path = g_strdup_printf ("/v2/bookings?attendeeEmail=" CLIENT "&take=250%s", query);
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, sandbox_fixture_key (fixture, "zoe.odegaard"),
                                                   V_BOOKINGS, NULL);
  JsonArray *data = sandbox_reply_data_array (reply);
  GString *uids = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (data); i++)
    g_string_append_printf (uids, "%s%s", i > 0 ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (data, i), "uid"));
  if (total != NULL)
    *total = json_object_get_int_member (json_object_get_object_member (sandbox_reply_object (reply), "pagination"),
                                         "totalItems");

  return g_string_free (uids, FALSE);
}

static char *
join_uids (GPtrArray *uids,
           guint      from,
           guint      to)
{
  GString *text = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    g_string_append_printf (text, "%s%s", i > from ? " " : "", (const char *) g_ptr_array_index (uids, i));

  return g_string_free (text, FALSE);
}

static void
patch_settings (SandboxFixture *fixture,
                const char     *body)
{
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "PATCH", "/_sandbox/settings", NULL, NULL, body);

  g_assert_cmpuint (reply->status, ==, 200);
}

/* Tests */

static void
test_series_cancel_one_stamp (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(SandboxReply) created = create (fixture, ZOE_COACHING, "2030-01-07T10:00:00Z");
  g_autoptr(SandboxReply) cancelled = NULL;
  g_autofree char *path = NULL;
  JsonArray *occurrences;
  const char *stamp;

  g_assert_cmpuint (created->status, ==, 201);
  occurrences = sandbox_reply_data_array (created);
  g_assert_cmpuint (json_array_get_length (occurrences), ==, 6);
  path = g_strdup_printf ("/v2/bookings/%s/cancel",
                          json_object_get_string_member (json_array_get_object_element (occurrences, 0), "recurringBookingUid"));

  /* The clock stands still: only the sandbox's own stamps tell changes apart */
  cancelled = sandbox_request (fixture, "POST", path, NULL, V_BOOKINGS, "{\"cancellationReason\":\"Moving away\"}");
  occurrences = sandbox_reply_data_array (cancelled);
  g_assert_cmpuint (json_array_get_length (occurrences), ==, 6);
  stamp = json_object_get_string_member (json_array_get_object_element (occurrences, 0), "updatedAt");
  for (guint i = 0; i < 6; i++)
    {
      JsonObject *booking = json_array_get_object_element (occurrences, i);

      g_assert_cmpstr (json_object_get_string_member (booking, "status"), ==, "cancelled");
      g_assert_cmpstr (json_object_get_string_member (booking, "updatedAt"), ==, stamp);
    }
}

/* The curated data's series were made in one statement too */
static void
test_seeded_series_share_stamp (void)
{
  /* The real clock: the data lies around it */
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/bookings?status=recurring&take=250",
                                                   sandbox_fixture_key (fixture, "max.mueller"), V_BOOKINGS, NULL);
  g_autoptr(GHashTable) stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *data = sandbox_reply_data_array (reply);
  guint checked = 0;

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *booking = json_array_get_object_element (data, i);
      const char *series = json_object_get_string_member (booking, "recurringBookingUid");
      const char *stamp = json_object_get_string_member (booking, "updatedAt");
      const char *seen = g_hash_table_lookup (stamps, series);

      if (seen == NULL)
        g_hash_table_insert (stamps, g_strdup (series), g_strdup (stamp));
      else
        {
          g_assert_cmpstr (stamp, ==, seen);
          checked++;
        }
    }

  g_assert_cmpuint (g_hash_table_size (stamps), >=, 1);
  g_assert_cmpuint (checked, >=, 3);
}

static void
test_tie_order_shuffled (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(GPtrArray) uids = create_six (fixture);
  g_autoptr(GHashTable) orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *by_id = join_uids (uids, 0, 6);

  for (guint i = 0; i < uids->len; i++)
    set_stamp (fixture, g_ptr_array_index (uids, i), STAMP);

  /* Shuffled is the default, as on Cal.com */
  {
    g_autoptr(SandboxReply) settings = sandbox_request (fixture, "GET", "/_sandbox/settings", NULL, NULL, NULL);

    g_assert_true (json_object_get_boolean_member (sandbox_reply_data_object (settings), "shuffleTies"));
  }

  /* Opted out of shuffling, ties come back by id: the same every time */
  patch_settings (fixture, "{\"shuffleTies\":false}");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *order = list_uids (fixture, "&sortUpdatedAt=asc", NULL);

      g_assert_cmpstr (order, ==, by_id);
    }

  patch_settings (fixture, "{\"shuffleTies\":true}");
  for (guint i = 0; i < 8; i++)
    {
      char *order = list_uids (fixture, "&sortUpdatedAt=asc&afterUpdatedAt=" STAMP, NULL);
      g_auto(GStrv) parts = g_strsplit (order, " ", -1);

      /* The same six, in some order */
      g_assert_cmpuint (g_strv_length (parts), ==, 6);
      for (guint j = 0; j < uids->len; j++)
        g_assert_true (g_strv_contains ((const char * const *) parts, g_ptr_array_index (uids, j)));
      g_hash_table_add (orders, order);
    }
  g_assert_cmpuint (g_hash_table_size (orders), >=, 2);

  /* Ties only: a different stamp still sorts first */
  set_stamp (fixture, g_ptr_array_index (uids, 5), "2030-01-01T05:59:59.999Z");
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *order = list_uids (fixture, "&sortUpdatedAt=asc", NULL);

      g_assert_true (g_str_has_prefix (order, g_ptr_array_index (uids, 5)));
    }
}

static void
test_keyset_inclusive_ms (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(GPtrArray) uids = create_six (fixture);
  g_autofree char *after = NULL;
  g_autofree char *before = NULL;
  g_autofree char *window = NULL;
  g_autofree char *expected_after = NULL;
  g_autofree char *expected_before = NULL;

  for (guint i = 0; i < uids->len; i++)
    {
      g_autofree char *stamp = g_strdup_printf ("2030-01-01T06:00:00.%03uZ", i);

      set_stamp (fixture, g_ptr_array_index (uids, i), stamp);
    }

  after = list_uids (fixture, "&sortUpdatedAt=asc&afterUpdatedAt=2030-01-01T06:00:00.003Z", NULL);
  expected_after = join_uids (uids, 3, 6);
  g_assert_cmpstr (after, ==, expected_after);

  before = list_uids (fixture, "&sortUpdatedAt=asc&beforeUpdatedAt=2030-01-01T06:00:00.002Z", NULL);
  expected_before = join_uids (uids, 0, 3);
  g_assert_cmpstr (before, ==, expected_before);

  window = list_uids (fixture, "&sortUpdatedAt=asc&afterUpdatedAt=2030-01-01T06:00:00.002Z"
                               "&beforeUpdatedAt=2030-01-01T06:00:00.002Z", NULL);
  g_assert_cmpstr (window, ==, g_ptr_array_index (uids, 2));
}

static void
test_total_ignores_after_updated (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(GPtrArray) uids = create_six (fixture);
  g_autofree char *all = NULL;
  g_autofree char *none = NULL;
  g_autofree char *none_before = NULL;
  gint64 total_all = 0;
  gint64 total_none = 0;
  gint64 total_none_before = 0;

  all = list_uids (fixture, "", &total_all);
  none = list_uids (fixture, "&afterUpdatedAt=2031-01-01T00:00:00Z", &total_none);
  g_assert_cmpint (total_all, ==, 6);
  g_assert_cmpstr (none, ==, "");
  /* Cal.com's count leaves afterUpdatedAt out… */
  g_assert_cmpint (total_none, ==, 6);
  /* …but not beforeUpdatedAt */
  none_before = list_uids (fixture, "&beforeUpdatedAt=2029-01-01T00:00:00Z", &total_none_before);
  g_assert_cmpstr (none_before, ==, "");
  g_assert_cmpint (total_none_before, ==, 0);
  g_assert_cmpuint (uids->len, ==, 6);
}

static void
test_null_updated_at (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(GPtrArray) uids = create_six (fixture);
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s", (const char *) g_ptr_array_index (uids, 0));
  g_autoptr(SandboxReply) one = NULL;
  g_autofree char *ascending = NULL;
  g_autofree char *descending = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) asc_parts = NULL;
  g_auto(GStrv) desc_parts = NULL;

  set_stamp (fixture, g_ptr_array_index (uids, 0), NULL);
  one = sandbox_request (fixture, "GET", path, NULL, V_BOOKINGS, NULL);
  g_assert_true (json_object_get_null_member (sandbox_reply_data_object (one), "updatedAt"));

  /* PostgreSQL: nulls last ascending, first descending */
  ascending = list_uids (fixture, "&sortUpdatedAt=asc", NULL);
  asc_parts = g_strsplit (ascending, " ", -1);
  g_assert_cmpuint (g_strv_length (asc_parts), ==, 6);
  g_assert_cmpstr (asc_parts[5], ==, g_ptr_array_index (uids, 0));
  descending = list_uids (fixture, "&sortUpdatedAt=desc", NULL);
  desc_parts = g_strsplit (descending, " ", -1);
  g_assert_cmpstr (desc_parts[0], ==, g_ptr_array_index (uids, 0));

  /* No stamp is after anything */
  after = list_uids (fixture, "&afterUpdatedAt=2000-01-01T00:00:00Z", NULL);
  g_assert_null (strstr (after, g_ptr_array_index (uids, 0)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/ties/series-cancel-one-stamp", test_series_cancel_one_stamp);
  g_test_add_func ("/sandbox/ties/seeded-series-share-stamp", test_seeded_series_share_stamp);
  g_test_add_func ("/sandbox/ties/order-shuffled", test_tie_order_shuffled);
  g_test_add_func ("/sandbox/ties/keyset-inclusive-ms", test_keyset_inclusive_ms);
  g_test_add_func ("/sandbox/ties/total-ignores-after-updated", test_total_ignores_after_updated);
  g_test_add_func ("/sandbox/ties/null-updated-at", test_null_updated_at);

  return g_test_run ();
}
