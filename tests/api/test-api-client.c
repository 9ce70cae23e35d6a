/* test-api-client.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The API client against the sandbox (a Cal.com API v2 stand-in) over real
 * HTTP on 127.0.0.1, with its data in a real SQLite file.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "api-test-util.h"
#include "calbook-mutation.h"
#include "calbook-sandbox.h"

typedef struct
{
  CalbookSandbox *sandbox;
  char           *dir;
  char           *db_path;
  char           *admin_key;
  char           *admin_email;
  char           *member_key;
  char           *member_email;
  gint64          org_id;
} Fixture;

/* Every key any sandbox handed out, for the final log check */
static GPtrArray *all_keys;

/* Auxiliary methods */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *info = NULL;
  JsonArray *accounts;

  fixture->dir = g_dir_make_tmp ("calbook-api-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "sandbox.sqlite3", NULL);

  /* The curated demo organization, with its data in a real SQLite file */
  fixture->sandbox = calbook_sandbox_new (api_test_get_seed () % 1000 + 1, 0, fixture->db_path,
                                          &error);
  g_assert_no_error (error);
  calbook_sandbox_listen (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  fixture->org_id = calbook_sandbox_get_organization_id (fixture->sandbox);
  g_assert_cmpint (fixture->org_id, >, 0);

  /* Pick an admin and a member by role rather than by name */
  info = calbook_sandbox_dup_info_json (fixture->sandbox);
  json_parser_load_from_data (parser, info, -1, &error);
  g_assert_no_error (error);
  accounts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "accounts");
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);
      const char *role = json_object_get_string_member (account, "role");
      const char *username = json_object_get_string_member (account, "username");
      const char *key = calbook_sandbox_get_api_key (fixture->sandbox, username);

      g_assert_nonnull (key);
      g_ptr_array_add (all_keys, g_strdup (key));

      if (fixture->admin_key == NULL && g_str_equal (role, "ADMIN"))
        {
          fixture->admin_key = g_strdup (key);
          fixture->admin_email = g_strdup (json_object_get_string_member (account, "email"));
        }
      else if (fixture->member_key == NULL && g_str_equal (role, "MEMBER"))
        {
          fixture->member_key = g_strdup (key);
          fixture->member_email = g_strdup (json_object_get_string_member (account, "email"));
        }
    }

  g_assert_nonnull (fixture->admin_key);
  g_assert_nonnull (fixture->member_key);

  api_test_clear_logs ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  calbook_sandbox_shutdown (fixture->sandbox);
  g_clear_object (&fixture->sandbox);

  /* Let the last connections close */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_unlink (fixture->db_path);
  {
    g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (fixture->db_path, "-shm", NULL);
    g_autofree char *journal = g_strconcat (fixture->db_path, "-journal", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (journal);
  }
  g_rmdir (fixture->dir);

  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->admin_key);
  g_free (fixture->admin_email);
  g_free (fixture->member_key);
  g_free (fixture->member_email);
}

static CalbookApiClient *
make_client (Fixture    *fixture,
             const char *key)
{
  g_autoptr(GError) error = NULL;
  CalbookApiClient *client;

  client = calbook_api_client_new (calbook_sandbox_get_url (fixture->sandbox), key, &error);
  g_assert_no_error (error);

  return client;
}

static JsonObject *
get_me (CalbookApiClient  *client,
        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_api_client_get_me_async (client, NULL, api_test_store_result_cb, &result);
  return calbook_api_client_get_me_finish (client, api_test_wait (&result), error);
}

static CalbookApiPage *
list_bookings (CalbookApiClient              *client,
               gint64                         org_id,
               const CalbookApiBookingQuery  *query,
               GError                       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_api_client_list_bookings_async (client, org_id, query, NULL, api_test_store_result_cb,
                                          &result);
  return calbook_api_client_list_bookings_finish (client, api_test_wait (&result), error);
}

static CalbookApiPage *
list_memberships (CalbookApiClient  *client,
                  gint64             org_id,
                  GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_api_client_list_memberships_async (client, org_id, 250, 0, NULL,
                                             api_test_store_result_cb, &result);
  return calbook_api_client_list_memberships_finish (client, api_test_wait (&result), error);
}

static JsonArray *
list_event_types (CalbookApiClient  *client,
                  GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_api_client_list_event_types_async (client, NULL, api_test_store_result_cb, &result);
  return calbook_api_client_list_event_types_finish (client, api_test_wait (&result), error);
}

static JsonObject *
get_slots (CalbookApiClient  *client,
           gint64             event_type_id,
           GDateTime         *start,
           GDateTime         *end,
           const char        *reschedule_uid,
           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_api_client_get_slots_async (client, event_type_id, start, end, "UTC", reschedule_uid,
                                      NULL, api_test_store_result_cb, &result);
  return calbook_api_client_get_slots_finish (client, api_test_wait (&result), error);
}

static JsonNode *
get_booking (CalbookApiClient  *client,
             const char        *uid,
             GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_api_client_get_booking_async (client, uid, NULL, api_test_store_result_cb, &result);
  return calbook_api_client_get_booking_finish (client, api_test_wait (&result), error);
}

static JsonNode *
mutate (CalbookApiClient  *client,
        const char        *kind,
        const char        *uid,
        JsonObject        *body,
        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_api_client_mutate_booking_async (client, kind, uid, body, NULL,
                                           api_test_store_result_cb, &result);
  return calbook_api_client_mutate_booking_finish (client, api_test_wait (&result), error);
}

/* All of the key owner's bookings, page by page */
static GPtrArray *
list_all_bookings (CalbookApiClient *client,
                   gint64            org_id,
                   const char       *status,
                   guint             take)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  CalbookApiBookingQuery query = { .status = status, .take = take };
  guint n_pages = 0;

  for (;;)
    {
      g_autoptr(CalbookApiPage) page = NULL;
      g_autoptr(GError) error = NULL;

      page = list_bookings (client, org_id, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->items->len, <=, take);

      for (guint i = 0; i < page->items->len; i++)
        g_ptr_array_add (all, json_object_ref (g_ptr_array_index (page->items, i)));

      g_assert_cmpuint (++n_pages, <, 1000);
      if (!page->has_next_page)
        {
          g_assert_cmpuint (page->total_items, ==, all->len);
          break;
        }

      g_assert_cmpuint (page->items->len, ==, take);
      query.skip += take;
    }

  return all;
}

/* Finds the first free slot of the key owner's first event type */
static gboolean
find_free_slot (CalbookApiClient  *client,
                gint64            *out_event_type_id,
                GDateTime        **out_start,
                guint              nth)
{
  g_autoptr(JsonArray) types = NULL;
  g_autoptr(JsonObject) slots = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) from = g_date_time_add_days (now, 2);
  g_autoptr(GDateTime) to = g_date_time_add_days (now, 16);
  g_autoptr(GList) days = NULL;
  gint64 event_type_id;

  types = list_event_types (client, &error);
  g_assert_no_error (error);
  if (json_array_get_length (types) == 0)
    return FALSE;

  event_type_id = json_object_get_int_member (json_array_get_object_element (types, 0), "id");
  slots = get_slots (client, event_type_id, from, to, NULL, &error);
  g_assert_no_error (error);

  days = json_object_get_members (slots);
  days = g_list_sort (days, (GCompareFunc) g_strcmp0);
  for (const GList *l = days; l != NULL; l = l->next)
    {
      JsonArray *day = json_object_get_array_member (slots, l->data);

      for (guint i = 0; i < json_array_get_length (day); i++)
        {
          JsonObject *slot = json_array_get_object_element (day, i);

          if (nth-- > 0)
            continue;

          *out_event_type_id = event_type_id;
          *out_start = g_date_time_new_from_iso8601 (json_object_get_string_member (slot, "start"),
                                                     NULL);
          g_assert_nonnull (*out_start);
          return TRUE;
        }
    }

  return FALSE;
}

/* The sandbox lands its mutations step by step; until a route exists, say so */
static gboolean
route_missing (const GError *error)
{
  return g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_NOT_FOUND) &&
         strstr (error->message, "Cannot ") != NULL;
}

/* Tests */

static void
test_me (Fixture       *fixture,
         gconstpointer  data)
{
  g_autoptr(CalbookApiClient) admin = make_client (fixture, fixture->admin_key);
  g_autoptr(CalbookApiClient) member = make_client (fixture, fixture->member_key);
  g_autoptr(JsonObject) admin_me = NULL;
  g_autoptr(JsonObject) member_me = NULL;
  g_autoptr(GError) error = NULL;

  admin_me = get_me (admin, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (admin_me, "email"), ==, fixture->admin_email);
  g_assert_cmpint (json_object_get_int_member (admin_me, "organizationId"), ==, fixture->org_id);

  member_me = get_me (member, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (member_me, "email"), ==, fixture->member_email);
}

static void
test_bad_key (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(CalbookApiPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) list_error = NULL;
  CalbookApiBookingQuery query = { .take = 10 };

  client = make_client (fixture, "cal_test_00000000000000000000000000000000");
  me = get_me (client, &error);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "The API key was rejected — enter a new one");
  g_assert_false (calbook_api_error_is_transient (error));

  page = list_bookings (client, 0, &query, &list_error);
  g_assert_error (list_error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_UNAUTHORIZED);
}

static void
test_list_bookings_pages (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CalbookApiClient) member = make_client (fixture, fixture->member_key);
  g_autoptr(CalbookApiClient) admin = make_client (fixture, fixture->admin_key);
  g_autoptr(GPtrArray) in_one = NULL;
  g_autoptr(GPtrArray) in_pages = NULL;
  g_autoptr(GPtrArray) org = NULL;
  g_autoptr(GHashTable) uids = g_hash_table_new (g_str_hash, g_str_equal);

  in_one = list_all_bookings (member, 0, NULL, 250);
  in_pages = list_all_bookings (member, 0, NULL, 3);
  g_assert_cmpuint (in_one->len, >, 3);
  g_assert_cmpuint (in_pages->len, ==, in_one->len);

  /* Paging neither loses nor repeats a booking */
  for (guint i = 0; i < in_pages->len; i++)
    {
      const char *uid = json_object_get_string_member (g_ptr_array_index (in_pages, i), "uid");

      g_assert_nonnull (uid);
      g_assert_true (g_hash_table_add (uids, (gpointer) uid));
    }

  /* The organization's bookings include the member's */
  org = list_all_bookings (admin, fixture->org_id, NULL, 100);
  g_assert_cmpuint (org->len, >=, in_one->len);
}

static void
test_list_bookings_filters (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CalbookApiClient) admin = make_client (fixture, fixture->admin_key);
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GPtrArray) cancelled = NULL;
  g_autoptr(GPtrArray) everything = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(CalbookApiPage) recent = NULL;
  g_autoptr(GError) error = NULL;
  CalbookApiBookingQuery query = {
    .after_updated_at = g_date_time_to_unix (now) - 3600 * 24 * 365 * 5,
    .sort_updated_asc = TRUE,
    .take = 250,
  };

  upcoming = list_all_bookings (admin, 0, "upcoming", 50);
  cancelled = list_all_bookings (admin, 0, "cancelled", 50);
  everything = list_all_bookings (admin, 0, NULL, 250);
  g_assert_cmpuint (upcoming->len + cancelled->len, <=, everything->len);

  for (guint i = 0; i < cancelled->len; i++)
    {
      JsonObject *booking = g_ptr_array_index (cancelled, i);
      const char *status = json_object_get_string_member (booking, "status");

      g_assert_true (g_str_equal (status, "cancelled") || g_str_equal (status, "rejected"));
    }

  /* Incremental sync: sorted by updatedAt */
  recent = list_bookings (admin, 0, &query, &error);
  g_assert_no_error (error);
  for (guint i = 1; i < recent->items->len; i++)
    {
      JsonObject *previous = g_ptr_array_index (recent->items, i - 1);
      JsonObject *next = g_ptr_array_index (recent->items, i);

      g_assert_cmpstr (json_object_get_string_member (previous, "updatedAt"), <=,
                       json_object_get_string_member (next, "updatedAt"));
    }
}

static void
test_validation_error (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CalbookApiClient) admin = make_client (fixture, fixture->admin_key);
  g_autoptr(CalbookApiPage) page = NULL;
  g_autoptr(GError) error = NULL;
  CalbookApiBookingQuery query = { .status = "someday", .take = 10 };

  /* Cal.com answers a bad status with envelope (b) */
  page = list_bookings (admin, 0, &query, &error);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "status: "));
  g_assert_nonnull (strstr (error->message, "Invalid status"));
  g_assert_null (page);
}

static void
test_organization_endpoints (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(CalbookApiClient) admin = make_client (fixture, fixture->admin_key);
  g_autoptr(CalbookApiClient) member = make_client (fixture, fixture->member_key);
  g_autoptr(CalbookApiPage) members = NULL;
  g_autoptr(CalbookApiPage) denied = NULL;
  g_autoptr(CalbookApiPage) denied_bookings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) member_error = NULL;
  g_autoptr(GError) bookings_error = NULL;
  CalbookApiBookingQuery query = { .take = 1 };
  gboolean found_member = FALSE;

  members = list_memberships (admin, fixture->org_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->items->len, >=, 2);
  for (guint i = 0; i < members->items->len; i++)
    {
      JsonObject *membership = g_ptr_array_index (members->items, i);
      JsonObject *user = json_object_get_object_member (membership, "user");

      g_assert_true (json_object_has_member (membership, "role"));
      if (g_strcmp0 (json_object_get_string_member (user, "email"), fixture->member_email) == 0)
        found_member = TRUE;
    }
  g_assert_true (found_member);

  /* A plain member may use neither organization endpoint */
  denied = list_memberships (member, fixture->org_id, &member_error);
  g_assert_error (member_error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN);
  g_assert_true (g_str_has_prefix (member_error->message, "You don't have permission"));

  denied_bookings = list_bookings (member, fixture->org_id, &query, &bookings_error);
  g_assert_error (bookings_error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN);
}

static void
test_event_types_and_slots (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CalbookApiClient) member = make_client (fixture, fixture->member_key);
  g_autoptr(JsonArray) types = NULL;
  g_autoptr(JsonObject) slots = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 7);
  g_autoptr(GList) days = NULL;
  JsonObject *first;

  types = list_event_types (member, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (types), >, 0);
  first = json_array_get_object_element (types, 0);
  g_assert_true (json_object_has_member (first, "lengthInMinutes"));

  slots = get_slots (member, json_object_get_int_member (first, "id"), now, end, NULL, &error);
  g_assert_no_error (error);

  days = json_object_get_members (slots);
  g_assert_nonnull (days);
  for (const GList *l = days; l != NULL; l = l->next)
    {
      JsonArray *day = json_object_get_array_member (slots, l->data);

      g_assert_cmpuint (strlen (l->data), ==, 10);
      for (guint i = 0; i < json_array_get_length (day); i++)
        {
          JsonObject *slot = json_array_get_object_element (day, i);

          /* format=range gives start and end */
          g_assert_true (json_object_has_member (slot, "start"));
          g_assert_true (json_object_has_member (slot, "end"));
        }
    }
}

static void
test_get_booking (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CalbookApiClient) member = make_client (fixture, fixture->member_key);
  g_autoptr(GPtrArray) all = list_all_bookings (member, 0, NULL, 250);
  g_autoptr(JsonNode) booking = NULL;
  g_autoptr(JsonNode) missing = NULL;
  g_autoptr(GError) error = NULL;
  const char *uid;

  g_assert_cmpuint (all->len, >, 0);
  uid = json_object_get_string_member (g_ptr_array_index (all, 0), "uid");

  booking = get_booking (member, uid, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (booking));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (booking), "uid"), ==, uid);

  missing = get_booking (member, "no-such-booking-uid", &error);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-booking-uid"));
  g_assert_null (missing);
}

static void
test_create_reschedule_cancel (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CalbookApiClient) member = make_client (fixture, fixture->member_key);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(JsonObject) create_body = NULL;
  g_autoptr(JsonObject) again_body = NULL;
  g_autoptr(JsonObject) reschedule_body = NULL;
  g_autoptr(JsonObject) no_reason = NULL;
  g_autoptr(JsonObject) with_reason = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) duplicate = NULL;
  g_autoptr(JsonNode) moved = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) conflict = NULL;
  g_autoptr(GError) reason_error = NULL;
  gint64 event_type_id = 0;
  gint64 other_type = 0;
  JsonObject *booking;
  JsonObject *metadata;
  const char *uid;
  const char *new_uid;

  g_assert_true (find_free_slot (member, &event_type_id, &start, 0));
  g_assert_true (find_free_slot (member, &other_type, &later, 5));

  create_body = calbook_mutation_build_create_body (&(CalbookCreateRequest) {
                    .event_type_id = event_type_id, .start = start, .attendee_name = "Ann Lee",
                    .attendee_email = "ann.lee@example.org",
                    .attendee_time_zone = "Europe/Berlin", .notes = "First visit",
                    .client_request_id = "req-create-1",
                  });
  created = mutate (member, "create", NULL, create_body, &error);
  if (route_missing (error))
    {
      g_test_skip ("the sandbox has no create route yet");
      return;
    }
  g_assert_no_error (error);
  booking = json_node_get_object (created);
  uid = json_object_get_string_member (booking, "uid");
  g_assert_nonnull (uid);
  metadata = json_object_get_object_member (booking, "metadata");
  g_assert_cmpstr (json_object_get_string_member (metadata, "calbookRequestId"), ==,
                   "req-create-1");

  /* The same slot again: taken */
  again_body = calbook_mutation_build_create_body (&(CalbookCreateRequest) {
                   .event_type_id = event_type_id, .start = start, .attendee_name = "Bo Chen",
                   .attendee_email = "bo@example.org", .attendee_time_zone = "UTC",
                   .client_request_id = "req-create-2",
                 });
  duplicate = mutate (member, "create", NULL, again_body, &conflict);
  g_assert_error (conflict, CALBOOK_API_ERROR, CALBOOK_API_ERROR_CONFLICT);
  g_assert_cmpstr (conflict->message, ==, "That time is no longer free — pick another slot");
  g_assert_null (duplicate);

  /* Reschedule: a new uid that points back */
  reschedule_body = calbook_mutation_build_reschedule_body (later, "Moved", NULL);
  moved = mutate (member, "reschedule", uid, reschedule_body, &error);
  g_assert_no_error (error);
  new_uid = json_object_get_string_member (json_node_get_object (moved), "uid");
  g_assert_cmpstr (new_uid, !=, uid);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (moved),
                                                  "rescheduledFromUid"), ==, uid);

  /* The organizer must give a reason (flat error shape) */
  no_reason = calbook_mutation_build_cancel_body (NULL, FALSE);
  refused = mutate (member, "cancel", new_uid, no_reason, &reason_error);
  g_assert_error (reason_error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (reason_error->message, "Cancellation reason is required"));

  with_reason = calbook_mutation_build_cancel_body ("Patient is ill", FALSE);
  cancelled = mutate (member, "cancel", new_uid, with_reason, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (cancelled), "status"), ==,
                   "cancelled");
}

static JsonObject *
find_booking (GPtrArray  *bookings,
              const char *status,
              gboolean    past)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < bookings->len; i++)
    {
      JsonObject *booking = g_ptr_array_index (bookings, i);
      const char *start_text = json_object_get_string_member (booking, "start");
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (start_text, NULL);

      if (g_strcmp0 (json_object_get_string_member (booking, "status"), status) == 0 &&
          start != NULL && (g_date_time_to_unix (start) < now) == past)
        return booking;
    }

  return NULL;
}

static void
test_other_mutations (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CalbookApiClient) admin = make_client (fixture, fixture->admin_key);
  /* An admin acts on any member's booking through the same routes */
  g_autoptr(GPtrArray) own = list_all_bookings (admin, fixture->org_id, NULL, 250);
  g_autoptr(JsonObject) decline_body = json_object_new ();
  g_autoptr(JsonObject) absent_body = json_object_new ();
  g_autoptr(JsonObject) location_body = json_object_new ();
  g_autoptr(JsonObject) location = json_object_new ();
  g_autoptr(JsonObject) guests_body = json_object_new ();
  g_autoptr(JsonArray) guests = json_array_new ();
  g_autoptr(JsonObject) guest = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *pending;
  JsonObject *upcoming;
  JsonObject *past;

  pending = find_booking (own, "pending", FALSE);
  upcoming = find_booking (own, "accepted", FALSE);
  past = find_booking (own, "accepted", TRUE);

  /* The demo organization has bookings of every kind */
  g_assert_nonnull (pending);
  g_assert_nonnull (upcoming);
  g_assert_nonnull (past);

  /* Location */
  json_object_set_string_member (location, "type", "link");
  json_object_set_string_member (location, "link", "https://meet.example.org/room");
  json_object_set_object_member (location_body, "location", g_steal_pointer (&location));
  node = mutate (admin, "location", json_object_get_string_member (upcoming, "uid"), location_body,
                 &error);
  if (route_missing (error))
    {
      g_test_skip ("the sandbox has no mutation routes yet");
      return;
    }
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  /* Guests */
  json_object_set_string_member (guest, "email", "guest@example.org");
  json_array_add_object_element (guests, g_steal_pointer (&guest));
  json_object_set_array_member (guests_body, "guests", g_steal_pointer (&guests));
  node = mutate (admin, "guests", json_object_get_string_member (upcoming, "uid"), guests_body,
                 &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  /* Mark absent: only after the start */
  json_object_set_boolean_member (absent_body, "host", TRUE);
  node = mutate (admin, "mark-absent", json_object_get_string_member (upcoming, "uid"),
                 absent_body, &error);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  node = mutate (admin, "mark-absent", json_object_get_string_member (past, "uid"),
                 absent_body, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "absentHost"));
  g_clear_pointer (&node, json_node_unref);

  /* Confirm an accepted booking: a bad request */
  node = mutate (admin, "confirm", json_object_get_string_member (upcoming, "uid"), NULL, &error);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  node = mutate (admin, "confirm", json_object_get_string_member (pending, "uid"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==,
                   "accepted");
  g_clear_pointer (&node, json_node_unref);

  /* Decline another pending one, if the organization still has one */
  json_object_set_string_member (decline_body, "reason", "Fully booked");
  {
    g_autoptr(GPtrArray) unconfirmed = NULL;

    unconfirmed = list_all_bookings (admin, fixture->org_id, "unconfirmed", 250);

    if (unconfirmed->len > 0)
      {
        JsonObject *still = g_ptr_array_index (unconfirmed, 0);

        node = mutate (admin, "decline", json_object_get_string_member (still, "uid"),
                       decline_body, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"),
                         ==, "rejected");
        g_clear_pointer (&node, json_node_unref);
      }
  }
}

static void
test_rate_limit_cap (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CalbookApiClient) client = make_client (fixture, fixture->member_key);
  g_autoptr(GError) error = NULL;

  calbook_sandbox_set_rate_limit (fixture->sandbox, 2);
  g_object_set (client, "max-rate-limit-wait", 5, NULL);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) me = get_me (client, &error);

      g_assert_no_error (error);
    }

  /* The third in the same minute: blocked for longer than we wait */
  {
    g_autoptr(JsonObject) me = get_me (client, &error);

    g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_RATE_LIMITED);
    g_assert_true (calbook_api_error_is_transient (error));
    g_assert_null (me);
  }
}

static void
test_rate_limit_wait (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CalbookApiClient) client = make_client (fixture, fixture->member_key);
  g_autoptr(GError) error = NULL;
  guint before;

  if (!g_test_slow ())
    {
      g_test_skip ("waits for the sandbox's one-minute rate-limit block; run with -m slow");
      return;
    }

  calbook_sandbox_set_rate_limit (fixture->sandbox, 2);
  g_object_set (client, "max-rate-limit-wait", 90, NULL);

  before = api_test_count_in_logs ("-> 429");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonObject) me = get_me (client, &error);

      g_assert_no_error (error);
      g_assert_nonnull (me);
    }

  /* The third one was refused once, waited and went through */
  g_assert_cmpuint (api_test_count_in_logs ("-> 429") - before, ==, 1);
}

static void
test_faults_server_errors (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CalbookApiClient) client = make_client (fixture, fixture->member_key);
  g_autoptr(GError) error = NULL;
  guint before;

  g_object_set (client, "max-retries", 2, NULL);

  /* Always 500: three attempts, then SERVER */
  calbook_sandbox_set_faults (fixture->sandbox, "500=1", &error);
  g_assert_no_error (error);
  before = api_test_count_in_logs ("-> 500");
  {
    g_autoptr(JsonObject) me = get_me (client, &error);

    g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_SERVER);
    g_assert_true (calbook_api_error_is_transient (error));
    g_clear_error (&error);
  }
  g_assert_cmpuint (api_test_count_in_logs ("-> 500") - before, ==, 3);

  /* The failure is logged for people (not only at debug level) with
   * Cal.com's correlation id */
  {
    g_autoptr(GRegex) line = g_regex_new ("^(?=.*PRIORITY=5 )(?=.*GET /v2/me failed: Cal\\.com had "
                                          "a problem \\(HTTP 500\\); try again later "
                                          "\\(X-Request-Id [0-9a-f-]{36}, 3 attempts\\)).*$",
                                          G_REGEX_MULTILINE, 0, NULL);

    g_assert_true (g_regex_match (line, api_test_get_logs (), 0, NULL));
  }

  /* Half of the answers fail: with enough retries every call gets through */
  calbook_sandbox_set_faults (fixture->sandbox, "502=0.25,503=0.25,seed=11", &error);
  g_assert_no_error (error);
  g_object_set (client, "max-retries", 12, NULL);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(JsonObject) me = get_me (client, &error);

      g_assert_no_error (error);
      g_assert_nonnull (me);
    }
  g_assert_cmpuint (api_test_count_in_logs ("-> 50") - before, >, 3);
}

static void
test_faults_drop_and_malformed (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(CalbookApiClient) client = make_client (fixture, fixture->member_key);
  g_autoptr(GError) error = NULL;
  CalbookApiBookingQuery query = { .take = 5 };
  guint before;

  g_object_set (client, "max-retries", 1, NULL);

  /* Dropped connections: NETWORK after the retries */
  calbook_sandbox_set_faults (fixture->sandbox, "drop=1", &error);
  g_assert_no_error (error);
  before = api_test_count_in_logs ("failed after");
  {
    g_autoptr(JsonObject) me = get_me (client, &error);

    g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_NETWORK);
    g_clear_error (&error);
  }
  g_assert_cmpuint (api_test_count_in_logs ("failed after") - before, ==, 2);

  /* Truncated JSON: INVALID_RESPONSE, not retried */
  calbook_sandbox_set_faults (fixture->sandbox, "malformed=1", &error);
  g_assert_no_error (error);
  {
    g_autoptr(CalbookApiPage) page = list_bookings (client, 0, &query, &error);

    g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE);
    g_assert_false (calbook_api_error_is_transient (error));
    g_clear_error (&error);
  }
}

static void
test_create_not_repeated_after_drop (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(CalbookApiClient) member = make_client (fixture, fixture->member_key);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before_bookings = NULL;
  g_autoptr(GPtrArray) after_bookings = NULL;
  gint64 event_type_id = 0;
  guint before;

  g_assert_true (find_free_slot (member, &event_type_id, &start, 2));
  before_bookings = list_all_bookings (member, 0, NULL, 250);

  calbook_sandbox_set_faults (fixture->sandbox, "drop=1", &error);
  g_assert_no_error (error);

  body = calbook_mutation_build_create_body (&(CalbookCreateRequest) {
             .event_type_id = event_type_id, .start = start, .attendee_name = "Cy Doe",
             .attendee_email = "cy@example.org", .attendee_time_zone = "UTC",
             .client_request_id = "req-drop-1",
           });
  before = api_test_count_in_logs ("failed after");
  node = mutate (member, "create", NULL, body, &error);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_NETWORK);
  g_assert_true (calbook_api_error_is_transient (error));
  g_assert_null (node);

  /* Sent exactly once */
  g_assert_cmpuint (api_test_count_in_logs ("failed after") - before, ==, 1);
  g_clear_error (&error);

  calbook_sandbox_set_faults (fixture->sandbox, "", &error);
  g_assert_no_error (error);
  after_bookings = list_all_bookings (member, 0, NULL, 250);
  g_assert_cmpuint (after_bookings->len, ==, before_bookings->len);
}

/* Runs last: no key of any account shows up in anything logged */
static void
test_key_never_logged (void)
{
  const char *logs = api_test_get_logs ();

  g_assert_cmpuint (all_keys->len, >, 0);
  g_assert_cmpuint (api_test_count_in_logs ("GET /v2/bookings"), >, 5);
  g_assert_cmpuint (api_test_count_in_logs ("X-Request-Id"), >, 5);
  g_assert_cmpuint (api_test_count_in_logs ("retry"), >, 2);

  for (guint i = 0; i < all_keys->len; i++)
    {
      const char *key = g_ptr_array_index (all_keys, i);

      if (strstr (logs, key) != NULL)
        g_error ("an API key was logged");
    }
  g_assert_null (strstr (logs, "cal_test_00000000000000000000000000000000"));
  g_assert_null (strstr (logs, "Bearer"));
}

int
main (int   argc,
      char *argv[])
{
  api_test_capture_logs ();
  g_test_init (&argc, &argv, NULL);

  all_keys = g_ptr_array_new_with_free_func (g_free);

#define ADD(path, func) \
  g_test_add ("/api/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("me", test_me);
  ADD ("bad-key", test_bad_key);
  ADD ("list-bookings-pages", test_list_bookings_pages);
  ADD ("list-bookings-filters", test_list_bookings_filters);
  ADD ("validation-error", test_validation_error);
  ADD ("organization-endpoints", test_organization_endpoints);
  ADD ("event-types-and-slots", test_event_types_and_slots);
  ADD ("get-booking", test_get_booking);
  ADD ("create-reschedule-cancel", test_create_reschedule_cancel);
  ADD ("other-mutations", test_other_mutations);
  ADD ("rate-limit-cap", test_rate_limit_cap);
  ADD ("rate-limit-wait", test_rate_limit_wait);
  ADD ("faults-server-errors", test_faults_server_errors);
  ADD ("faults-drop-and-malformed", test_faults_drop_and_malformed);
  ADD ("create-not-repeated-after-drop", test_create_not_repeated_after_drop);

#undef ADD

  g_test_add_func ("/api/client/key-never-logged", test_key_never_logged);

  return g_test_run ();
}
