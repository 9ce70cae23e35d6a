/* test-sandbox-status.c: property test of the list status filter
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sandbox-test-util.h"

#define N_CASES 120

typedef struct
{
  char     *uid;
  char     *status;
  gint64    start_ms;
  gint64    end_ms;
  gboolean  recurring;
  gint64    organizer_id;
  GStrv     attendee_emails;
} Row;

static const struct
{
  const char *username;
  gint64      id;
  gboolean    admin;
} users[] = {
  { "max.mueller", 101, TRUE },
  { "sofia.rossi", 102, TRUE },
  { "zoe.odegaard", 103, FALSE },
  { "jose.nunez", 104, FALSE },
  { "aiko.tanaka", 105, FALSE },
  { "liam.obrien", 106, FALSE },
  { "chloe.dubois", 107, FALSE },
};

static const char *statuses[] = { "upcoming", "recurring", "past", "cancelled", "unconfirmed" };

/* Auxiliary methods */

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->uid);
  g_free (row->status);
  g_strfreev (row->attendee_emails);
  g_free (row);
}

static gint64
parse_ms (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

static GPtrArray *
fetch_all (SandboxFixture *fixture,
           const char     *key,
           const char     *query)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);

  /* The truth (and the paged sync checked against it) walks with skip:
   * ties in a fixed order from here on */
  calbook_sandbox_set_shuffle_ties (fixture->sandbox, FALSE);

  for (guint skip = 0; ; skip += 250)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?take=250&skip=%u%s%s", skip,
                                               query != NULL ? "&" : "", query != NULL ? query : "");
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, key, V_BOOKINGS, NULL);
      JsonArray *data = sandbox_reply_data_array (reply);

      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          JsonObject *b = json_array_get_object_element (data, i);
          Row *row = g_new0 (Row, 1);

          row->uid = g_strdup (json_object_get_string_member (b, "uid"));
          row->status = g_strdup (json_object_get_string_member (b, "status"));
          row->start_ms = parse_ms (json_object_get_string_member (b, "start"));
          row->end_ms = parse_ms (json_object_get_string_member (b, "end"));
          row->recurring = json_object_has_member (b, "recurringBookingUid");
          row->organizer_id = json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (b, "hosts"), 0), "id");
          {
            JsonArray *attendees = json_object_get_array_member (b, "attendees");
            GStrvBuilder *builder = g_strv_builder_new ();

            for (guint a = 0; a < json_array_get_length (attendees); a++)
              g_strv_builder_add (builder, json_object_get_string_member (json_array_get_object_element (attendees, a), "email"));
            row->attendee_emails = g_strv_builder_end (builder);
            g_strv_builder_unref (builder);
          }
          g_ptr_array_add (rows, row);
        }

      if (json_array_get_length (data) < 250)
        break;
    }

  return rows;
}

/* §1.2 of docs/calcom-behaviour.md, written as plainly as possible */
static gboolean
matches (const Row  *row,
         const char *status,
         gint64      now_ms)
{
  gboolean gone = g_str_equal (row->status, "cancelled") || g_str_equal (row->status, "rejected");

  if (g_str_equal (status, "upcoming"))
    return row->end_ms >= now_ms &&
           ((row->recurring && g_str_equal (row->status, "accepted")) || (!row->recurring && !gone));
  if (g_str_equal (status, "recurring"))
    return row->end_ms >= now_ms && row->recurring && !gone;
  if (g_str_equal (status, "past"))
    return row->end_ms <= now_ms && !gone;
  if (g_str_equal (status, "cancelled"))
    return gone;
  if (g_str_equal (status, "unconfirmed"))
    return row->end_ms >= now_ms && g_str_equal (row->status, "pending");

  g_assert_not_reached ();
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static char *
join_sorted (GPtrArray *uids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_ptr_array_sort (uids, compare_strings);
  for (guint i = 0; i < uids->len; i++)
    g_string_append_printf (text, "%s ", (const char *) g_ptr_array_index (uids, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
run_case (guint64 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) seed);
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (seed, (guint) g_rand_int_range (rand, 20, 90));
  guint who = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (users));
  g_autofree char *email = g_strdup_printf ("%s@northwind-clinic.example", users[who].username);
  const char *key = sandbox_fixture_key (fixture, users[who].username);
  g_autoptr(GPtrArray) all = fetch_all (fixture, sandbox_fixture_key (fixture, "sofia.rossi"), NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) actual_uids = g_ptr_array_new ();
  g_autoptr(GPtrArray) actual = NULL;
  g_autoptr(GString) query = g_string_new ("status=");
  g_autoptr(GString) label = g_string_new (NULL);
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  gboolean picked[G_N_ELEMENTS (statuses)] = { FALSE, };
  gboolean repeated = g_rand_boolean (rand);
  guint n_statuses = (guint) g_rand_int_range (rand, 1, 4);
  gint64 now_ms;
  const Row *pivot;

  g_assert_cmpuint (all->len, >, 0);

  /* "now" on a booking's end or start (the boundaries of >= and <=), or
   * anywhere in the seeded range */
  pivot = g_ptr_array_index (all, g_rand_int_range (rand, 0, (gint32) all->len));
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0: now_ms = pivot->end_ms; break;
    case 1: now_ms = pivot->start_ms; break;
    default: now_ms = pivot->start_ms + (gint64) g_rand_int_range (rand, -40, 40) * 86400000; break;
    }
  now_ms -= now_ms % 1000;
  calbook_sandbox_set_now (fixture->sandbox, now_ms / 1000);

  for (guint i = 0; i < n_statuses; i++)
    picked[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))] = TRUE;

  g_string_truncate (query, 0);
  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    {
      if (!picked[s])
        continue;
      if (repeated)
        g_string_append_printf (query, "%sstatus=%s", query->len > 0 ? "&" : "", statuses[s]);
      else
        g_string_append_printf (query, "%s%s", query->len > 0 ? "," : "status=", statuses[s]);
      g_string_append_printf (label, "%s ", statuses[s]);
    }

  for (guint i = 0; i < all->len; i++)
    {
      const Row *row = g_ptr_array_index (all, i);

      /* §1.2 scope: members see what they organize or attend */
      if (!users[who].admin && row->organizer_id != users[who].id &&
          !g_strv_contains ((const char * const *) row->attendee_emails, email))
        continue;

      for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
        {
          if (picked[s] && matches (row, statuses[s], now_ms))
            {
              g_ptr_array_add (expected, row->uid);
              break;
            }
        }
    }

  actual = fetch_all (fixture, key, query->str);
  for (guint i = 0; i < actual->len; i++)
    g_ptr_array_add (actual_uids, ((Row *) g_ptr_array_index (actual, i))->uid);

  expected_text = join_sorted (expected);
  actual_text = join_sorted (actual_uids);
  if (!g_str_equal (expected_text, actual_text))
    {
      g_printerr ("Status filter mismatch: seed=%" G_GUINT64_FORMAT " user=%s now_ms=%" G_GINT64_FORMAT " query=%s\n"
                  "  expected (%u): %s\n  actual (%u): %s\n",
                  seed, users[who].username, now_ms, query->str, expected->len, expected_text, actual_uids->len, actual_text);
      return FALSE;
    }

  return TRUE;
}

/* Tests */

static void
test_status_property (void)
{
  const char *env = g_getenv ("CALBOOK_TEST_SEED");
  guint64 base = env != NULL ? g_ascii_strtoull (env, NULL, 10) : (guint64) g_test_rand_int_range (1, G_MAXINT32 / 2);
  guint failures = 0;

  g_test_message ("base seed %" G_GUINT64_FORMAT " (set CALBOOK_TEST_SEED to replay)", base);
  for (guint i = 0; i < N_CASES; i++)
    if (!run_case (base + i))
      failures++;

  if (failures > 0)
    {
      g_printerr ("%u of %u cases failed; base seed %" G_GUINT64_FORMAT "\n", failures, N_CASES, base);
      g_test_fail ();
    }
}

/* Incremental sync (afterUpdatedAt + sortUpdatedAt=asc, paged) sees every
 * booking a batch of random mutations touched, in updatedAt order. */
static gboolean
run_sync_case (guint64 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) seed ^ 0x5a5a5a5a);
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (seed, (guint) g_rand_int_range (rand, 30, 80));
  const char *admin = sandbox_fixture_key (fixture, "sofia.rossi");
  g_autoptr(GPtrArray) all = fetch_all (fixture, admin, "sortUpdatedAt=asc");
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) synced = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *watermark = NULL;
  GHashTableIter iter;
  gpointer uid;
  gboolean ok = TRUE;
  gint64 previous = G_MININT64;

  /* The newest updatedAt so far; a client keeps it as its watermark */
  {
    g_autoptr(SandboxReply) newest = sandbox_request (fixture, "GET", "/v2/bookings?take=1&sortUpdatedAt=desc",
                                                      admin, V_BOOKINGS, NULL);

    watermark = g_strdup (json_object_get_string_member (json_array_get_object_element (sandbox_reply_data_array (newest), 0),
                                                         "updatedAt"));
  }

  for (guint m = 0; m < 12; m++)
    {
      const Row *row = g_ptr_array_index (all, g_rand_int_range (rand, 0, (gint32) all->len));
      g_autofree char *path = NULL;
      g_autoptr(SandboxReply) reply = NULL;

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          path = g_strdup_printf ("/v2/bookings/%s/cancel", row->uid);
          reply = sandbox_request (fixture, "POST", path, admin, V_BOOKINGS, "{\"cancellationReason\":\"sync test\"}");
          break;
        case 1:
          path = g_strdup_printf ("/v2/bookings/%s/location", row->uid);
          reply = sandbox_request (fixture, "PATCH", path, admin, V_BOOKINGS, "{\"location\":{\"type\":\"phone\",\"phone\":\"+4700000000\"}}");
          break;
        case 2:
          path = g_strdup_printf ("/v2/bookings/%s/confirm", row->uid);
          reply = sandbox_request (fixture, "POST", path, admin, V_BOOKINGS, NULL);
          break;
        default:
          path = g_strdup_printf ("/v2/bookings/%s/reschedule", row->uid);
          reply = sandbox_request (fixture, "POST", path, admin, V_BOOKINGS, "{\"start\":\"2031-01-06T12:00:00Z\"}");
          if (reply->status == 201)
            g_hash_table_add (touched, g_strdup (json_object_get_string_member (sandbox_reply_data_object (reply), "uid")));
          break;
        }

      if (reply->status == 200 || reply->status == 201)
        g_hash_table_add (touched, g_strdup (row->uid));
    }

  for (guint skip = 0; ; skip += 7)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?afterUpdatedAt=%s&sortUpdatedAt=asc&take=7&skip=%u", watermark, skip);
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, admin, V_BOOKINGS, NULL);
      JsonArray *data = sandbox_reply_data_array (reply);

      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          JsonObject *b = json_array_get_object_element (data, i);
          const char *updated = json_object_get_string_member (b, "updatedAt");
          gint64 updated_ms = parse_ms (updated);

          ok &= updated_ms >= previous && g_strcmp0 (updated, watermark) >= 0;
          previous = updated_ms;
          g_ptr_array_add (synced, g_strdup (json_object_get_string_member (b, "uid")));
        }
      if (json_array_get_length (data) < 7)
        break;
    }

  for (guint i = 0; i < synced->len; i++)
    g_hash_table_add (seen, g_ptr_array_index (synced, i));

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &uid, NULL))
    if (!g_hash_table_contains (seen, uid))
      {
        g_printerr ("Incremental sync missed %s: seed=%" G_GUINT64_FORMAT " watermark=%s\n", (char *) uid, seed, watermark);
        ok = FALSE;
      }

  if (!ok)
    g_printerr ("Incremental sync failed: seed=%" G_GUINT64_FORMAT "\n", seed);
  return ok;
}

static void
test_incremental_sync_property (void)
{
  const char *env = g_getenv ("CALBOOK_TEST_SEED");
  guint64 base = env != NULL ? g_ascii_strtoull (env, NULL, 10) : (guint64) g_test_rand_int_range (1, G_MAXINT32 / 2);
  guint failures = 0;

  g_test_message ("base seed %" G_GUINT64_FORMAT " (set CALBOOK_TEST_SEED to replay)", base);
  for (guint i = 0; i < 100; i++)
    if (!run_sync_case (base + i))
      failures++;

  if (failures > 0)
    {
      g_printerr ("%u of 100 sync cases failed; base seed %" G_GUINT64_FORMAT "\n", failures, base);
      g_test_fail ();
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/status/property", test_status_property);
  g_test_add_func ("/sandbox/status/incremental-sync", test_incremental_sync_property);

  return g_test_run ();
}
