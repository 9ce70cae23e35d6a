/* sync-test-util.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sqlite3.h>

#include "calbook-booking.h"
#include "calbook-error.h"
#include "sync-test-util.h"

/**
 * sync_test_get_seed:
 *
 * The seed of this run: $CALBOOK_TEST_SEED when set, else a random one.
 * Printed, so a failure can be replayed.
 */
guint64
sync_test_get_seed (void)
{
  const char *env = g_getenv ("CALBOOK_TEST_SEED");
  guint64 seed;

  if (env == NULL || !g_ascii_string_to_unsigned (env, 10, 0, G_MAXUINT64, &seed, NULL))
    seed = ((guint64) g_random_int () << 32) | g_random_int ();

  g_printerr ("# CALBOOK_TEST_SEED=%" G_GUINT64_FORMAT "\n", seed);
  return seed;
}

char *
sync_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("calbook-sync-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
sync_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        sync_test_remove_tree (child);
      else
        g_remove (child);
    }

  g_rmdir (path);
}

CalbookSandbox *
sync_test_start_sandbox (guint64 seed,
                         guint   n_bookings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookSandbox) sandbox = NULL;

  sandbox = calbook_sandbox_new (seed, n_bookings, NULL, &error);
  g_assert_no_error (error);
  /* Speed is not what these tests are about; the rate limit has its own */
  calbook_sandbox_set_rate_limit (sandbox, 0);
  calbook_sandbox_listen (sandbox, 0, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&sandbox);
}

const char *
sync_test_get_email (const char *username)
{
  g_autofree char *email = g_strdup_printf ("%s@northwind-clinic.example", username);

  return g_intern_string (email);
}

CalbookApiClient *
sync_test_new_client (CalbookSandbox *sandbox,
                      const char     *username)
{
  g_autoptr(GError) error = NULL;
  CalbookApiClient *client;

  client = calbook_api_client_new (calbook_sandbox_get_url (sandbox),
                                   calbook_sandbox_get_api_key (sandbox, username), &error);
  g_assert_no_error (error);

  /* Injected 429s carry the minute window's reset: fail fast, the caller retries */
  g_object_set (client, "max-rate-limit-wait", 1, NULL);

  return client;
}

void
sync_test_store_result_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Runs the default main context (where the in-process sandbox serves too)
 * until the callback stored its result */
GAsyncResult *
sync_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/* Signs in the way the app does: GET /v2/me, then the organization probe
 * and the memberships for the role */
CalbookAccount *
sync_test_connect (CalbookSandbox *sandbox,
                   const char     *username)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CalbookAccount *account;

  calbook_account_connect_async (calbook_sandbox_get_url (sandbox),
                                 calbook_sandbox_get_api_key (sandbox, username),
                                 NULL, sync_test_store_result_cb, &result);
  account = calbook_account_connect_finish (sync_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (calbook_account_get_username (account), ==, username);

  return account;
}

gboolean
sync_test_run_sync (CalbookSync  *sync,
                    gboolean      full,
                    GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_sync_run_async (sync, full, sync_test_store_result_cb, &result);
  return calbook_sync_run_finish (sync, sync_test_wait (&result), error);
}

gboolean
sync_test_replay (CalbookOutbox  *outbox,
                  GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_outbox_replay_async (outbox, sync_test_store_result_cb, &result);
  return calbook_outbox_replay_finish (outbox, sync_test_wait (&result), error);
}

JsonNode *
sync_test_mutate (CalbookApiClient  *client,
                  const char        *kind,
                  const char        *uid,
                  JsonObject        *body,
                  GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();

  calbook_api_client_mutate_booking_async (client, kind, uid, body ? body : empty, NULL,
                                           sync_test_store_result_cb, &result);
  return calbook_api_client_mutate_booking_finish (client, sync_test_wait (&result), error);
}

/* The @skip_slots'th free slot of the event type in the next two weeks */
GDateTime *
sync_test_find_slot (CalbookApiClient *client,
                     gint64            event_type_id,
                     const char       *reschedule_uid,
                     guint             skip_slots)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, 2);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 16);
  g_autoptr(JsonObject) days = NULL;
  g_autoptr(GList) names = NULL;
  guint seen = 0;

  calbook_api_client_get_slots_async (client, event_type_id, start, end, "UTC", reschedule_uid,
                                      NULL, sync_test_store_result_cb, &result);
  days = calbook_api_client_get_slots_finish (client, sync_test_wait (&result), &error);
  g_assert_no_error (error);

  names = g_list_sort (json_object_get_members (days), (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonArray *slots = json_object_get_array_member (days, l->data);

      for (guint i = 0; i < json_array_get_length (slots); i++)
        {
          JsonObject *slot = json_array_get_object_element (slots, i);

          if (seen++ == skip_slots)
            return g_date_time_new_from_iso8601 (json_object_get_string_member (slot, "start"),
                                                 NULL);
        }
    }

  return NULL;
}

GHashTable *
sync_test_list_server (CalbookApiClient  *client,
                       gint64             org_id,
                       GError           **error)
{
  g_autoptr(GHashTable) bookings = NULL;
  guint total = 0;

  bookings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  /* Cal.com (and the sandbox) answer rows that tie on the sort key in an
   * order that may change between requests, so one walk with skip may
   * miss rows at a page boundary: walk again until every row was met */
  for (guint walk = 0; walk == 0 || (g_hash_table_size (bookings) < total && walk < 50); walk++)
    {
      guint skip = 0;

      for (;;)
        {
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(CalbookApiPage) page = NULL;
          CalbookApiBookingQuery query = { 0, };

          query.take = CALBOOK_API_MAX_TAKE;
          query.skip = skip;

          calbook_api_client_list_bookings_async (client, org_id, &query, NULL,
                                                  sync_test_store_result_cb, &result);
          page = calbook_api_client_list_bookings_finish (client, sync_test_wait (&result), error);
          if (page == NULL)
            return NULL;
          if (skip == 0)
            total = page->total_items;

          for (guint i = 0; i < page->items->len; i++)
            {
              CalbookBooking *booking;

              booking = calbook_booking_new_from_json (g_ptr_array_index (page->items, i), error);
              if (booking == NULL)
                return NULL;

              g_hash_table_replace (bookings, g_strdup (calbook_booking_get_uid (booking)), booking);
            }

          if (!page->has_next_page || page->items->len == 0)
            break;

          skip += page->items->len;
        }
    }

  return g_steal_pointer (&bookings);
}

char *
sync_test_summarize (CalbookBooking *booking)
{
  GString *out = g_string_new (NULL);
  GPtrArray *attendees = calbook_booking_get_attendees (booking);
  GPtrArray *guests = calbook_booking_get_guests (booking);

  g_string_append_printf (out,
                          "%s %s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
                          " to=%s loc=%s absentHost=%d [",
                          calbook_booking_get_uid (booking),
                          calbook_booking_get_api_status (booking),
                          calbook_booking_get_start (booking),
                          calbook_booking_get_end (booking),
                          calbook_booking_get_rescheduled_to_uid (booking),
                          calbook_booking_get_location (booking),
                          calbook_booking_get_absent_host (booking));

  for (guint i = 0; i < attendees->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (attendees, i);

      g_string_append_printf (out, "%s%s%s", i ? "," : "", person->email,
                              person->absent ? "!" : "");
    }

  g_string_append (out, "] guests=");
  for (guint i = 0; i < guests->len; i++)
    g_string_append_printf (out, "%s%s", i ? "," : "",
                            (const char *) g_ptr_array_index (guests, i));

  /* The stamp to the millisecond, and who hosts it: a store that missed a
   * change shows here even when the fields above did not move */
  g_string_append_printf (out, " updated=%" G_GINT64_FORMAT " hosts=",
                          calbook_booking_get_updated_at_ms (booking));
  for (guint i = 0; i < calbook_booking_get_hosts (booking)->len; i++)
    {
      const CalbookPerson *host = g_ptr_array_index (calbook_booking_get_hosts (booking), i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", host->user_id);
    }

  return g_string_free (out, FALSE);
}

char *
sync_test_diff_store (CalbookStore *store,
                      GHashTable   *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) uids = calbook_store_list_uids (store, &error);
  g_autoptr(GHashTable) local = g_hash_table_new (g_str_hash, g_str_equal);
  GString *diff = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);

  for (guint i = 0; i < uids->len; i++)
    {
      const char *uid = g_ptr_array_index (uids, i);
      g_autoptr(CalbookBooking) mine = calbook_store_get_booking (store, uid, &error);
      CalbookBooking *theirs;

      g_assert_no_error (error);
      g_hash_table_add (local, (gpointer) uid);

      theirs = g_hash_table_lookup (server, uid);
      if (theirs == NULL)
        g_string_append_printf (diff, "only in the store: %s\n", uid);
      else
        {
          g_autofree char *a = sync_test_summarize (mine);
          g_autofree char *b = sync_test_summarize (theirs);

          if (!g_str_equal (a, b))
            g_string_append_printf (diff, "store:  %s\nserver: %s\n", a, b);
        }
    }

  g_hash_table_iter_init (&iter, server);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (local, key))
      g_string_append_printf (diff, "only on the server: %s\n", (const char *) key);

  if (diff->len == 0)
    {
      g_string_free (diff, TRUE);
      return NULL;
    }

  return g_string_free (diff, FALSE);
}

gboolean
sync_test_integrity_ok (const char *store_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    goto out;

  sqlite3_busy_timeout (db, 5000);

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    goto out;

  /* One row "ok", or one row per problem */
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0 &&
         sqlite3_step (stmt) == SQLITE_DONE;

out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  if (db != NULL)
    sqlite3_close (db);

  return ok;
}

static int
compare_by_uid (gconstpointer a,
                gconstpointer b)
{
  CalbookBooking *ba = *(CalbookBooking **) a;
  CalbookBooking *bb = *(CalbookBooking **) b;

  return g_strcmp0 (calbook_booking_get_uid (ba), calbook_booking_get_uid (bb));
}

/* A random booking that @accept likes, or NULL; stable for a seed */
CalbookBooking *
sync_test_pick_booking (GRand               *rand,
                        GHashTable          *server,
                        SyncTestBookingTest  accept,
                        gpointer             user_data)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, server);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (accept (value, user_data))
      g_ptr_array_add (candidates, value);

  /* Hash order is not stable: sort, so a seed replays */
  g_ptr_array_sort (candidates, compare_by_uid);

  if (candidates->len == 0)
    return NULL;

  return g_ptr_array_index (candidates, g_rand_int_range (rand, 0, (gint32) candidates->len));
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
is_single (CalbookBooking *booking)
{
  return calbook_booking_get_recurring_booking_uid (booking) == NULL;
}

static gboolean
is_upcoming_active (CalbookBooking *booking,
                    gpointer        user_data)
{
  const char *status = calbook_booking_get_api_status (booking);

  return is_single (booking) &&
         calbook_booking_get_start (booking) > now_seconds () + 3600 &&
         (g_strcmp0 (status, "accepted") == 0 || g_strcmp0 (status, "pending") == 0);
}

static gboolean
is_upcoming_accepted (CalbookBooking *booking,
                      gpointer        user_data)
{
  return is_upcoming_active (booking, user_data) &&
         g_strcmp0 (calbook_booking_get_api_status (booking), "accepted") == 0;
}

static gboolean
is_pending (CalbookBooking *booking,
            gpointer        user_data)
{
  return is_upcoming_active (booking, user_data) &&
         g_strcmp0 (calbook_booking_get_api_status (booking), "pending") == 0;
}

static gboolean
is_past_accepted (CalbookBooking *booking,
                  gpointer        user_data)
{
  return is_single (booking) &&
         calbook_booking_get_start (booking) < now_seconds () &&
         g_strcmp0 (calbook_booking_get_api_status (booking), "accepted") == 0;
}

/**
 * sync_test_random_server_change:
 *
 * One change made straight through the API, the way a colleague would.
 * Cal.com may refuse it (a slot that is gone): the server stays the truth.
 *
 * Returns: what was tried, for the failure message
 */
char *
sync_test_random_server_change (CalbookApiClient *client,
                                GRand            *rand,
                                GHashTable       *server)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  CalbookBooking *booking = NULL;
  const char *kind = NULL;

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      kind = "cancel";
      booking = sync_test_pick_booking (rand, server, is_upcoming_active, NULL);
      body = calbook_mutation_build_cancel_body ("Changed plans", FALSE);
      break;

    case 1:
      kind = g_rand_boolean (rand) ? "confirm" : "decline";
      booking = sync_test_pick_booking (rand, server, is_pending, NULL);
      body = json_object_new ();
      break;

    case 2:
      {
        g_autoptr(GDateTime) slot = NULL;

        kind = "reschedule";
        booking = sync_test_pick_booking (rand, server, is_upcoming_accepted, NULL);
        if (booking != NULL)
          slot = sync_test_find_slot (client, calbook_booking_get_event_type_id (booking),
                                      calbook_booking_get_uid (booking),
                                      g_rand_int_range (rand, 0, 30));
        if (slot == NULL)
          booking = NULL;
        else
          body = calbook_mutation_build_reschedule_body (slot, "Moved", NULL);
      }
      break;

    case 3:
      kind = "mark-absent";
      booking = sync_test_pick_booking (rand, server, is_past_accepted, NULL);
      body = json_object_new ();
      json_object_set_boolean_member (body, "host", TRUE);
      break;

    case 4:
      {
        JsonObject *location = json_object_new ();
        g_autofree char *address = g_strdup_printf ("Room %d", g_rand_int_range (rand, 1, 500));

        kind = "location";
        booking = sync_test_pick_booking (rand, server, is_upcoming_active, NULL);
        json_object_set_string_member (location, "type", "address");
        json_object_set_string_member (location, "address", address);
        body = json_object_new ();
        json_object_set_object_member (body, "location", location);
      }
      break;

    default:
      {
        JsonArray *guests = json_array_new ();
        JsonObject *guest = json_object_new ();
        g_autofree char *email = g_strdup_printf ("guest%d@example.org",
                                                  g_rand_int_range (rand, 1, 100000));

        kind = "guests";
        booking = sync_test_pick_booking (rand, server, is_upcoming_active, NULL);
        json_object_set_string_member (guest, "email", email);
        json_object_set_string_member (guest, "name", "A Guest");
        json_array_add_object_element (guests, guest);
        body = json_object_new ();
        json_object_set_array_member (body, "guests", guests);
      }
      break;
    }

  if (booking == NULL)
    return g_strdup_printf ("%s: no booking fits", kind);

  answer = sync_test_mutate (client, kind, calbook_booking_get_uid (booking), body, &error);

  return g_strdup_printf ("%s %s: %s", kind, calbook_booking_get_uid (booking),
                          error ? error->message : "done");
}

gint64
sync_test_own_event_type (CalbookAccount *account)
{
  return 1000 + 10 * (calbook_account_get_user_id (account) - 101) + 1;
}

gint64
sync_test_count_applied (CalbookSandbox *sandbox,
                         const char     *request_id)
{
  g_autofree char *log = calbook_sandbox_dup_mutations_json (sandbox, request_id, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *by_id;

  json_parser_load_from_data (parser, log, -1, &error);
  g_assert_no_error (error);
  by_id = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                         "byRequestId");

  return by_id != NULL && json_object_has_member (by_id, request_id)
         ? json_object_get_int_member (by_id, request_id)
         : 0;
}

void
sync_test_change_maker_init (SyncTestChangeMaker *maker,
                             CalbookApiClient    *client,
                             GRand               *rand,
                             gint64               event_type_id)
{
  maker->client = g_object_ref (client);
  maker->rand = rand;
  maker->event_type_id = event_type_id;
  maker->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  maker->taken = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
sync_test_change_maker_clear (SyncTestChangeMaker *maker)
{
  g_clear_object (&maker->client);
  g_clear_pointer (&maker->used, g_hash_table_unref);
  g_clear_pointer (&maker->taken, g_array_unref);
}

typedef struct
{
  SyncTestChangeMaker *maker;
  const char          *status;   /* upcoming with this status; NULL: past accepted */
} Wanted;

static gboolean
is_wanted (CalbookBooking *booking,
           gpointer        user_data)
{
  Wanted *wanted = user_data;
  gint64 start = calbook_booking_get_start (booking);

  if (g_hash_table_contains (wanted->maker->used, calbook_booking_get_uid (booking)) ||
      !is_single (booking))
    return FALSE;

  /* A change whose effect already holds is not sent at all (the outbox
   * completes it as it is): only real changes, so that each must show up in
   * the sandbox's mutation log. The past bookings are for marking the host
   * absent. */
  if (wanted->status == NULL)
    return start < now_seconds () &&
           g_strcmp0 (calbook_booking_get_api_status (booking), "accepted") == 0 &&
           !calbook_booking_get_absent_host (booking);

  return start > now_seconds () + 3 * 3600 &&
         g_strcmp0 (calbook_booking_get_api_status (booking), wanted->status) == 0;
}

static CalbookBooking *
pick_unused (SyncTestChangeMaker *maker,
             GHashTable          *server,
             const char          *status)
{
  Wanted wanted = { maker, status };
  CalbookBooking *booking = sync_test_pick_booking (maker->rand, server, is_wanted, &wanted);

  if (booking != NULL)
    g_hash_table_add (maker->used, g_strdup (calbook_booking_get_uid (booking)));

  return booking;
}

static GDateTime *
take_free_slot (SyncTestChangeMaker *maker,
                gint64               event_type_id,
                const char          *reschedule_uid)
{
  for (guint attempt = 0; attempt < 40; attempt++)
    {
      g_autoptr(GDateTime) slot = sync_test_find_slot (maker->client, event_type_id,
                                                       reschedule_uid,
                                                       g_rand_int_range (maker->rand, 0, 200));
      gint64 start;
      gboolean taken = FALSE;

      if (slot == NULL)
        continue;

      start = g_date_time_to_unix (slot);
      for (guint i = 0; i < maker->taken->len && !taken; i++)
        taken = ABS (g_array_index (maker->taken, gint64, i) - start) < 2 * 3600;
      if (taken)
        continue;

      g_array_append_val (maker->taken, start);
      return g_steal_pointer (&slot);
    }

  return NULL;
}

JsonObject *
sync_test_make_change (SyncTestChangeMaker *maker,
                       GHashTable          *server,
                       CalbookMutationKind  kind,
                       const char          *request_id,
                       char               **out_uid)
{
  g_autoptr(GDateTime) slot = NULL;
  g_autofree char *text = g_strdup_printf ("Room %u", g_rand_int_range (maker->rand, 1, 999));
  CalbookBooking *booking = NULL;
  JsonObject *body = NULL;

  switch (kind)
    {
    case CALBOOK_MUTATION_CREATE:
      slot = take_free_slot (maker, maker->event_type_id, NULL);
      if (slot != NULL)
        body = calbook_mutation_build_create_body (&(CalbookCreateRequest) {
                   .event_type_id = maker->event_type_id, .start = slot,
                   .attendee_name = "Test Client", .attendee_email = "client@example.org",
                   .attendee_time_zone = "Europe/Oslo", .client_request_id = request_id,
                 });
      break;

    case CALBOOK_MUTATION_RESCHEDULE:
      booking = pick_unused (maker, server, "accepted");
      if (booking != NULL &&
          (slot = take_free_slot (maker, calbook_booking_get_event_type_id (booking),
                                  calbook_booking_get_uid (booking))) != NULL)
        body = calbook_mutation_build_reschedule_body (slot, "Moved", NULL);
      break;

    case CALBOOK_MUTATION_CANCEL:
      booking = pick_unused (maker, server, "accepted");
      if (booking != NULL)
        body = calbook_mutation_build_cancel_body ("Ill", FALSE);
      break;

    case CALBOOK_MUTATION_CONFIRM:
      booking = pick_unused (maker, server, "pending");
      if (booking != NULL)
        body = calbook_mutation_build_confirm_body ();
      break;

    case CALBOOK_MUTATION_DECLINE:
      booking = pick_unused (maker, server, "pending");
      if (booking != NULL)
        body = calbook_mutation_build_decline_body ("Full");
      break;

    case CALBOOK_MUTATION_MARK_ABSENT:
      booking = pick_unused (maker, server, NULL);
      if (booking != NULL)
        body = calbook_mutation_build_mark_absent_body (CALBOOK_ABSENCE_ABSENT, NULL);
      break;

    case CALBOOK_MUTATION_LOCATION:
      booking = pick_unused (maker, server, "accepted");
      if (booking != NULL)
        {
          if (g_strcmp0 (text, calbook_booking_get_location (booking)) == 0)
            {
              g_autofree char *same = g_steal_pointer (&text);

              text = g_strconcat (same, " B", NULL);
            }
          body = calbook_mutation_build_location_body (CALBOOK_LOCATION_ADDRESS, text);
        }
      break;

    case CALBOOK_MUTATION_GUESTS:
    default:
      booking = pick_unused (maker, server, "accepted");
      if (booking != NULL)
        {
          g_autoptr(GPtrArray) guests =
            g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_person_unref);
          g_autofree char *email = g_strdup_printf ("guest%u@example.org",
                                                    g_rand_int (maker->rand));

          g_ptr_array_add (guests, calbook_person_new ("Guest", email));
          body = calbook_mutation_build_guests_body (guests);
        }
      break;
    }

  *out_uid = body != NULL && booking != NULL ? g_strdup (calbook_booking_get_uid (booking)) : NULL;

  return body;
}

static gboolean
on_iterate_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main context (the sandbox and the app's callbacks) for @ms */
void
sync_test_iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_iterate_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * sync_test_hook:
 *
 * Calls one of the sandbox's test hooks (DELETE a booking, set its stamp,
 * reassign its organizer, ...) over HTTP, as any client would, and fails
 * the test when the sandbox refuses.
 */
void
sync_test_hook (CalbookSandbox *sandbox,
                const char     *method,
                const char     *path,
                const char     *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (calbook_sandbox_get_url (sandbox), path, NULL);

  message = soup_message_new (method, url);
  g_assert_nonnull (message);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  /* The sandbox serves on this thread: wait by running the main context */
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    sync_test_store_result_cb, &result);
  answer = soup_session_send_and_read_finish (session, sync_test_wait (&result), &error);
  g_assert_no_error (error);
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    g_error ("%s %s: HTTP %u %.*s", method, path, soup_message_get_status (message),
             (int) g_bytes_get_size (answer), (const char *) g_bytes_get_data (answer, NULL));
}

/**
 * sync_test_fixture_prepare:
 * @fixture: zeroed
 * @n_bookings: how many bookings the sandbox seeds
 *
 * Starts the sandbox (seeded by sync_test_get_seed()) and picks the folder
 * of the store; nobody is signed in yet.
 */
void
sync_test_fixture_prepare (SyncTestFixture *fixture,
                           guint            n_bookings)
{
  fixture->seed = sync_test_get_seed ();
  fixture->dir = sync_test_make_tmpdir ();
  fixture->store_path = g_build_filename (fixture->dir, "account.sqlite3", NULL);
  fixture->sandbox = sync_test_start_sandbox (fixture->seed, n_bookings);
}

/**
 * sync_test_fixture_connect:
 * @fixture: prepared
 * @username: who signs in
 *
 * Signs @username in and opens the store and a sync of their bookings.
 */
void
sync_test_fixture_connect (SyncTestFixture *fixture,
                           const char      *username)
{
  g_autoptr(GError) error = NULL;

  fixture->account = sync_test_connect (fixture->sandbox, username);
  fixture->client = sync_test_new_client (fixture->sandbox, username);
  fixture->store = calbook_store_open (fixture->store_path, &error);
  g_assert_no_error (error);
  fixture->sync = calbook_sync_new (fixture->account, fixture->client, fixture->store_path, &error);
  g_assert_no_error (error);
}

void
sync_test_fixture_open (SyncTestFixture *fixture,
                        guint            n_bookings,
                        const char      *username)
{
  sync_test_fixture_prepare (fixture, n_bookings);
  sync_test_fixture_connect (fixture, username);
}

/* Closes all in the order the app does and removes the folder */
void
sync_test_fixture_close (SyncTestFixture *fixture)
{
  g_clear_object (&fixture->sync);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->sandbox);
  sync_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->store_path, g_free);
}
