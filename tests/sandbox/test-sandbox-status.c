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
} Row;

static const char *statuses[] = { "upcoming", "recurring", "past", "cancelled", "unconfirmed" };

/* Auxiliary methods */

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->uid);
  g_free (row->status);
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
          g_ptr_array_add (rows, row);
        }

      if (json_array_get_length (data) < 250)
        break;
    }

  return rows;
}

/* §1.2 of API-NOTES, written as plainly as possible */
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
  const char *key = sandbox_fixture_key (fixture, "sofia.rossi");
  g_autoptr(GPtrArray) all = fetch_all (fixture, key, NULL);
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
      g_printerr ("Status filter mismatch: seed=%" G_GUINT64_FORMAT " now_ms=%" G_GINT64_FORMAT " query=%s\n"
                  "  expected (%u): %s\n  actual (%u): %s\n",
                  seed, now_ms, query->str, expected->len, expected_text, actual_uids->len, actual_text);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/status/property", test_status_property);

  return g_test_run ();
}
