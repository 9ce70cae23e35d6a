/* test-sandbox-churn.c: bookings edited on the server while clients page
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

/* Auxiliary methods */

static JsonObject *
get_settings (SandboxFixture *fixture,
              const char     *patch)
{
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, patch != NULL ? "PATCH" : "GET", "/_sandbox/settings",
                                                   NULL, NULL, patch);

  g_assert_cmpuint (reply->status, ==, 200);
  return json_object_ref (sandbox_reply_data_object (reply));
}

static gint64
churn_edits (SandboxFixture *fixture)
{
  g_autoptr(JsonObject) settings = get_settings (fixture, NULL);

  return json_object_get_int_member (settings, "churnEdits");
}

/* uid → "status|location|updatedAt|cancellationReason" of every booking,
 * read page by page as the admin; @n_pages gets the number of pages */
static GHashTable *
snapshot (SandboxFixture *fixture,
          guint          *n_pages)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *key = sandbox_fixture_key (fixture, "sofia.rossi");

  *n_pages = 0;
  for (gint64 skip = 0;; skip += 100)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?take=100&skip=%" G_GINT64_FORMAT, skip);
      g_autoptr(SandboxReply) page = sandbox_request (fixture, "GET", path, key, V_BOOKINGS, NULL);
      JsonArray *data = sandbox_reply_data_array (page);

      (*n_pages)++;
      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          JsonObject *b = json_array_get_object_element (data, i);

          g_hash_table_replace (rows, g_strdup (json_object_get_string_member (b, "uid")),
                                g_strdup_printf ("%s|%s|%s|%s", json_object_get_string_member (b, "status"),
                                                 json_object_get_string_member (b, "location"),
                                                 json_object_get_string_member (b, "updatedAt"),
                                                 json_object_get_string_member_with_default (b, "cancellationReason", "")));
        }
      if (json_array_get_length (data) < 100)
        break;
    }

  return rows;
}

/* Tests */

static void
test_per_request (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(JsonObject) settings = NULL;
  GHashTableIter iter;
  gpointer uid, row;
  guint n_pages;
  guint changed = 0;

  before = snapshot (fixture, &n_pages);
  g_assert_cmpint (churn_edits (fixture), ==, 0);

  settings = get_settings (fixture, "{\"churnPerRequest\":1}");
  g_assert_cmpfloat (json_object_get_double_member (settings, "churnPerRequest"), ==, 1.0);

  /* One edit before each page */
  after = snapshot (fixture, &n_pages);
  g_assert_cmpint (churn_edits (fixture), ==, n_pages);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &uid, &row))
    {
      const char *old = g_hash_table_lookup (before, uid);
      g_auto(GStrv) old_fields = g_strsplit (old, "|", -1);
      g_auto(GStrv) new_fields = g_strsplit (row, "|", -1);

      if (g_str_equal (old, row))
        continue;
      changed++;
      /* Any edit moves updatedAt */
      g_assert_cmpstr (new_fields[2], >, old_fields[2]);
      if (g_str_equal (new_fields[0], "cancelled") && !g_str_equal (old_fields[0], "cancelled"))
        g_assert_cmpstr (new_fields[3], !=, "");
      if (g_str_equal (new_fields[0], "accepted") && !g_str_equal (old_fields[0], "accepted"))
        g_assert_cmpstr (old_fields[0], ==, "pending");
    }
  /* Some edits may land on a booking edited before, or on pages read already */
  g_assert_cmpuint (changed, >=, 1);
  g_assert_cmpuint (changed, <=, n_pages);
}

static void
test_replay (void)
{
  g_autoptr(GHashTable) first = NULL;
  g_autoptr(GHashTable) second = NULL;
  GHashTableIter iter;
  gpointer uid, row;

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(SandboxFixture) fixture = NULL;
      g_autoptr(JsonObject) settings = NULL;
      guint n_pages;

      /* The data are relative to the clock: pin it */
      g_setenv ("CALBOOK_SANDBOX_NOW", "1893456000", TRUE);
      fixture = sandbox_fixture_new (3, 0);
      g_unsetenv ("CALBOOK_SANDBOX_NOW");
      settings = get_settings (fixture, "{\"churnPerRequest\":0.5}");
      for (guint i = 0; i < 3; i++)
        {
          GHashTable *rows = snapshot (fixture, &n_pages);

          if (i < 2)
            g_hash_table_unref (rows);
          else if (run == 0)
            first = rows;
          else
            second = rows;
        }
    }

  g_assert_cmpuint (g_hash_table_size (first), ==, g_hash_table_size (second));
  g_hash_table_iter_init (&iter, first);
  while (g_hash_table_iter_next (&iter, &uid, &row))
    g_assert_cmpstr (g_hash_table_lookup (second, uid), ==, row);
}

static void
test_timed (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autoptr(JsonObject) started = get_settings (fixture, "{\"churn\":200}");
  g_autoptr(JsonObject) stopped = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gint64 count;

  g_assert_cmpfloat (json_object_get_double_member (started, "churn"), ==, 200.0);
  while (churn_edits (fixture) < 5)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_thread_yield ();
    }

  stopped = get_settings (fixture, "{\"churn\":0}");
  count = json_object_get_int_member (stopped, "churnEdits");
  /* The timer is gone: requests no longer see edits */
  for (guint i = 0; i < 20; i++)
    g_assert_cmpint (churn_edits (fixture), ==, count);
}

static void
test_bad_settings (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autoptr(SandboxReply) negative = sandbox_request (fixture, "PATCH", "/_sandbox/settings", NULL, NULL, "{\"churn\":-1}");
  g_autoptr(SandboxReply) above_one = sandbox_request (fixture, "PATCH", "/_sandbox/settings", NULL, NULL,
                                                       "{\"churnPerRequest\":2}");

  g_assert_cmpuint (negative->status, ==, 400);
  g_assert_cmpuint (above_one->status, ==, 400);
  g_assert_cmpint (churn_edits (fixture), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/churn/per-request", test_per_request);
  g_test_add_func ("/sandbox/churn/replay", test_replay);
  g_test_add_func ("/sandbox/churn/timed", test_timed);
  g_test_add_func ("/sandbox/churn/bad-settings", test_bad_settings);

  return g_test_run ();
}
