/* test-sandbox-demo.c: the curated demo practice looks like a real one
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

#define DAY_S G_GINT64_CONSTANT (86400)

typedef struct
{
  SandboxFixture *fixture;
  JsonArray      *bookings;      /* every booking, through the admin's org-wide list */
  JsonArray      *memberships;
  GHashTable     *zones;         /* host id → time zone */
  gint64          now_s;
} Demo;

/* Auxiliary methods */

static Demo *
demo_new (gint64 now_s)
{
  Demo *demo = g_new0 (Demo, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SandboxReply) members = NULL;
  const char *admin_key;
  gint64 skip = 0;

  demo->now_s = now_s;
  if (now_s != 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, now_s);

      g_setenv ("CALBOOK_SANDBOX_NOW", text, TRUE);
    }
  else
    {
      g_unsetenv ("CALBOOK_SANDBOX_NOW");
      demo->now_s = g_get_real_time () / G_USEC_PER_SEC;
    }
  demo->fixture = sandbox_fixture_new_for (calbook_sandbox_new_demo (20261203, NULL, &error));
  g_assert_no_error (error);
  g_unsetenv ("CALBOOK_SANDBOX_NOW");
  /* Read whole with skip below: ties in a fixed order */
  calbook_sandbox_set_shuffle_ties (demo->fixture->sandbox, FALSE);

  admin_key = sandbox_fixture_key (demo->fixture, "sofia.rossi");
  demo->bookings = json_array_new ();
  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?take=250&skip=%" G_GINT64_FORMAT, skip);
      g_autoptr(SandboxReply) page = sandbox_request (demo->fixture, "GET", path, admin_key, V_BOOKINGS, NULL);
      JsonArray *data = sandbox_reply_data_array (page);

      for (guint i = 0; i < json_array_get_length (data); i++)
        json_array_add_element (demo->bookings, json_node_copy (json_array_get_element (data, i)));
      if (json_array_get_length (data) < 250)
        break;
      skip += 250;
    }

  members = sandbox_request (demo->fixture, "GET", "/v2/organizations/7001/memberships", admin_key, NULL, NULL);
  demo->memberships = json_array_ref (sandbox_reply_data_array (members));

  demo->zones = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (demo->bookings); i++)
    {
      JsonObject *host = json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (demo->bookings, i), "hosts"), 0);
      gint64 *id = g_new (gint64, 1);

      *id = json_object_get_int_member (host, "id");
      g_hash_table_replace (demo->zones, id, g_strdup (json_object_get_string_member (host, "timeZone")));
    }

  return demo;
}

static void
demo_free (Demo *demo)
{
  sandbox_fixture_free (demo->fixture);
  json_array_unref (demo->bookings);
  json_array_unref (demo->memberships);
  g_hash_table_unref (demo->zones);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

static gint64
parse_s (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static GDateTime *
local_time (const char *iso,
            const char *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

  g_assert_nonnull (tz);
  return g_date_time_to_timezone (utc, tz);
}

static gboolean
is_cancelled (JsonObject *booking)
{
  const char *status = json_object_get_string_member (booking, "status");

  return g_str_equal (status, "cancelled") || g_str_equal (status, "rejected");
}

static void
assert_plain_text (const char *text)
{
  static const char * const test_strings[] = { "<", ">", "script", "&", "\t", "🙂", "lorem", "alert(", NULL };

  if (text == NULL)
    return;

  for (guint i = 0; test_strings[i] != NULL; i++)
    if (strstr (text, test_strings[i]) != NULL)
      g_error ("Demo text “%s” contains “%s”", text, test_strings[i]);
}

static void
check_every_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          /* Addresses and e-mail addresses are not prose */
          if (g_str_equal (l->data, "uid") || g_str_equal (l->data, "icsUid") ||
              g_str_equal (l->data, "recurringBookingUid") || g_str_has_suffix (l->data, "Uid"))
            continue;
          check_every_text (json_object_get_member (object, l->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        check_every_text (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    assert_plain_text (json_node_get_string (node));
}

/* Tests */

/* Each day of the real calendar gives a different week: check a few */
static const gint64 days[] = {
  0,                                   /* today */
  G_GINT64_CONSTANT (1893456000),      /* Tuesday 1 January 2030 */
  G_GINT64_CONSTANT (1911974400),      /* Saturday 3 August 2030, summer time */
};

static void
test_working_hours (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    {
      g_autoptr(Demo) demo = demo_new (days[d]);
      guint n = json_array_get_length (demo->bookings);

      g_assert_cmpuint (n, >, 300);
      for (guint i = 0; i < n; i++)
        {
          JsonObject *booking = json_array_get_object_element (demo->bookings, i);
          JsonObject *host = json_array_get_object_element (json_object_get_array_member (booking, "hosts"), 0);
          const char *zone = json_object_get_string_member (host, "timeZone");
          g_autoptr(GDateTime) start = local_time (json_object_get_string_member (booking, "start"), zone);
          g_autoptr(GDateTime) end = local_time (json_object_get_string_member (booking, "end"), zone);
          int start_minutes = g_date_time_get_hour (start) * 60 + g_date_time_get_minute (start);
          int end_minutes = g_date_time_get_hour (end) * 60 + g_date_time_get_minute (end);

          g_assert_cmpint (g_date_time_get_day_of_week (start), <=, 5);
          g_assert_cmpint (start_minutes, >=, 9 * 60);
          g_assert_cmpint (end_minutes, <=, 17 * 60);
          g_assert_cmpint (g_date_time_get_day_of_month (start), ==, g_date_time_get_day_of_month (end));
        }
    }
}

typedef struct
{
  gint64 host;
  gint64 start;
  gint64 end;
} Slot;

static void
test_no_overlaps (void)
{
  g_autoptr(Demo) demo = demo_new (0);
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));

  for (guint i = 0; i < json_array_get_length (demo->bookings); i++)
    {
      JsonObject *booking = json_array_get_object_element (demo->bookings, i);
      Slot slot;

      if (is_cancelled (booking))
        continue;
      slot.host = json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (booking, "hosts"), 0), "id");
      slot.start = parse_s (json_object_get_string_member (booking, "start"));
      slot.end = parse_s (json_object_get_string_member (booking, "end"));
      g_array_append_val (slots, slot);
    }

  for (guint i = 0; i < slots->len; i++)
    for (guint j = i + 1; j < slots->len; j++)
      {
        const Slot *a = &g_array_index (slots, Slot, i);
        const Slot *b = &g_array_index (slots, Slot, j);

        g_assert_false (a->host == b->host && a->start < b->end && b->start < a->end);
      }
}

/* A client comes at most once a day (as a client, not a colleague) */
static void
test_one_visit_a_day (void)
{
  g_autoptr(Demo) demo = demo_new (0);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (demo->bookings); i++)
    {
      JsonObject *booking = json_array_get_object_element (demo->bookings, i);
      JsonObject *attendee = json_array_get_object_element (json_object_get_array_member (booking, "attendees"), 0);
      const char *email = json_object_get_string_member (attendee, "email");
      g_autofree char *key = NULL;

      if (is_cancelled (booking) || json_object_has_member (booking, "recurringBookingUid") ||
          g_str_has_suffix (email, "@lindenhof-praxis.example"))
        continue;
      key = g_strdup_printf ("%s %.10s", email, json_object_get_string_member (booking, "start"));
      if (g_hash_table_contains (seen, key))
        g_error ("%s comes twice that day", key);
      g_hash_table_add (seen, g_steal_pointer (&key));
    }
}

/* Around today: this week is full, the month view has weeks around it */
static void
test_relative_to_today (void)
{
  g_autoptr(Demo) demo = demo_new (0);
  guint this_week = 0;
  guint past = 0;
  guint future = 0;

  for (guint i = 0; i < json_array_get_length (demo->bookings); i++)
    {
      gint64 start = parse_s (json_object_get_string_member (json_array_get_object_element (demo->bookings, i), "start"));

      this_week += start > demo->now_s - 3 * DAY_S && start < demo->now_s + 4 * DAY_S;
      past += start < demo->now_s;
      future += start > demo->now_s;
      g_assert_cmpint (start, >, demo->now_s - 22 * DAY_S);
      g_assert_cmpint (start, <, demo->now_s + 45 * DAY_S);
    }

  g_assert_cmpuint (this_week, >=, 40);
  g_assert_cmpuint (past, >=, 100);
  g_assert_cmpuint (future, >=, 100);
}

static void
test_no_test_strings (void)
{
  g_autoptr(Demo) demo = demo_new (0);
  g_autoptr(SandboxReply) event_types = NULL;
  g_autoptr(JsonNode) bookings = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) members = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (bookings, demo->bookings);
  check_every_text (bookings);
  json_node_set_array (members, demo->memberships);
  check_every_text (members);

  event_types = sandbox_request (demo->fixture, "GET", "/v2/event-types?username=sofia.rossi", NULL, V_EVENT_TYPES, NULL);
  check_every_text (json_object_get_member (sandbox_reply_object (event_types), "data"));
}

/* Clients live in real zones, most of them near their practice */
static void
test_client_zones (void)
{
  g_autoptr(Demo) demo = demo_new (0);
  g_autoptr(GHashTable) zones = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (demo->bookings); i++)
    {
      JsonArray *attendees = json_object_get_array_member (json_array_get_object_element (demo->bookings, i), "attendees");

      for (guint a = 0; a < json_array_get_length (attendees); a++)
        {
          const char *zone = json_object_get_string_member (json_array_get_object_element (attendees, a), "timeZone");
          g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

          g_assert_nonnull (tz);
          g_assert_cmpstr (zone, !=, "UTC");
          g_hash_table_add (zones, (gpointer) g_intern_string (zone));
        }
    }

  g_assert_true (g_hash_table_contains (zones, "Europe/Berlin"));
  g_assert_cmpuint (g_hash_table_size (zones), >=, 5);
}

/* What a real week holds: requests, a move, a cancellation with its
 * reason, a series, a no-show; and the admin's and first member's own
 * calendars show each of these */
static void
test_story (void)
{
  g_autoptr(Demo) demo = demo_new (0);
  guint pending = 0, moved = 0, moved_to = 0, cancelled_with_reason = 0, no_show = 0;
  g_autoptr(GHashTable) series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) series_stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean admin_has_pending = FALSE;
  gboolean member_has_pending = FALSE;
  gint64 admin_id = 102;
  gint64 member_id = 103;
  guint admin_pending_future = 0;

  for (guint i = 0; i < json_array_get_length (demo->bookings); i++)
    {
      JsonObject *booking = json_array_get_object_element (demo->bookings, i);
      const char *status = json_object_get_string_member (booking, "status");
      gint64 host = json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (booking, "hosts"), 0), "id");
      JsonArray *attendees = json_object_get_array_member (booking, "attendees");

      if (g_str_equal (status, "pending"))
        {
          pending++;
          if (host == admin_id && parse_s (json_object_get_string_member (booking, "start")) > demo->now_s + 3600)
            admin_pending_future++;
          admin_has_pending |= host == admin_id;
          member_has_pending |= host == member_id;
        }
      if (json_object_has_member (booking, "rescheduledToUid"))
        {
          moved++;
          g_assert_nonnull (json_object_get_string_member (booking, "reschedulingReason"));
        }
      moved_to += json_object_has_member (booking, "rescheduledFromUid");
      if (g_str_equal (status, "cancelled") && json_object_has_member (booking, "cancellationReason"))
        cancelled_with_reason++;
      for (guint a = 0; a < json_array_get_length (attendees); a++)
        no_show += json_object_get_boolean_member (json_array_get_object_element (attendees, a), "absent");
      if (json_object_has_member (booking, "recurringBookingUid"))
        {
          const char *id = json_object_get_string_member (booking, "recurringBookingUid");
          const char *stamp = g_hash_table_lookup (series_stamps, id);

          g_hash_table_replace (series, g_strdup (id),
                                GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (series, id)) + 1));
          /* Made in one request: one stamp */
          if (stamp != NULL)
            g_assert_cmpstr (stamp, ==, json_object_get_string_member (booking, "updatedAt"));
          else
            g_hash_table_insert (series_stamps, g_strdup (id), g_strdup (json_object_get_string_member (booking, "updatedAt")));
        }
    }

  g_assert_cmpuint (pending, >=, 4);
  g_assert_cmpuint (pending, <=, 40);
  g_assert_cmpuint (admin_pending_future, >=, 1);
  g_assert_true (admin_has_pending);
  g_assert_true (member_has_pending);
  g_assert_cmpuint (moved, >=, 2);
  g_assert_cmpuint (moved_to, >=, 2);
  g_assert_cmpuint (cancelled_with_reason, >=, 2);
  g_assert_cmpuint (no_show, >=, 2);
  g_assert_cmpuint (g_hash_table_size (series), >=, 2);
}

static void
test_organization (void)
{
  g_autoptr(Demo) demo = demo_new (0);
  g_autoptr(SandboxReply) event_types = NULL;
  guint owners = 0, admins = 0, members = 0;
  gboolean multi_length = FALSE;
  gboolean recurring = FALSE;
  gboolean confirmation = FALSE;
  JsonArray *data;

  for (guint i = 0; i < json_array_get_length (demo->memberships); i++)
    {
      const char *role = json_object_get_string_member (json_array_get_object_element (demo->memberships, i), "role");

      owners += g_str_equal (role, "OWNER");
      admins += g_str_equal (role, "ADMIN");
      members += g_str_equal (role, "MEMBER");
    }
  g_assert_cmpuint (owners, ==, 1);
  g_assert_cmpuint (admins, ==, 1);
  g_assert_cmpuint (members, >=, 3);
  /* Every member has a calendar of their own */
  g_assert_cmpuint (g_hash_table_size (demo->zones), ==, json_array_get_length (demo->memberships));

  event_types = sandbox_request (demo->fixture, "GET", "/v2/event-types?username=sofia.rossi", NULL, V_EVENT_TYPES, NULL);
  data = sandbox_reply_data_array (event_types);
  g_assert_cmpuint (json_array_get_length (data), >=, 3);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *et = json_array_get_object_element (data, i);

      multi_length |= json_object_has_member (et, "lengthInMinutesOptions");
      recurring |= !json_object_get_null_member (et, "recurrence");
      confirmation |= json_object_has_member (et, "confirmationPolicy");
    }
  g_assert_true (multi_length);
  g_assert_true (recurring);
  g_assert_true (confirmation);
}

/* Clients come back to their own practitioner, not to everyone in the
 * house, and at most twice a week */
static void
test_caseloads (void)
{
  g_autoptr(Demo) demo = demo_new (0);
  g_autoptr(GHashTable) practitioner = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) clients = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (demo->bookings); i++)
    {
      JsonObject *booking = json_array_get_object_element (demo->bookings, i);
      JsonObject *attendee = json_array_get_object_element (json_object_get_array_member (booking, "attendees"), 0);
      const char *email = json_object_get_string_member (attendee, "email");
      gint64 host = json_object_get_int_member (json_array_get_object_element (
                                                  json_object_get_array_member (booking, "hosts"), 0), "id");
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (parse_s (json_object_get_string_member (booking, "start")));
      g_autofree char *week_of = g_date_time_format (start, "%G-%V");
      g_autofree char *week = g_strdup_printf ("%s %s", email, week_of);
      gpointer seen;
      guint visits;

      if (g_str_has_suffix (email, "@lindenhof-praxis.example"))
        continue;
      g_hash_table_add (clients, (gpointer) email);
      if (g_hash_table_lookup_extended (practitioner, email, NULL, &seen))
        g_assert_cmpint (GPOINTER_TO_SIZE (seen), ==, host);
      else
        g_hash_table_insert (practitioner, g_strdup (email), GSIZE_TO_POINTER (host));

      if (is_cancelled (booking) || json_object_has_member (booking, "recurringBookingUid"))
        continue;
      visits = GPOINTER_TO_UINT (g_hash_table_lookup (weeks, week)) + 1;
      if (visits > 2)
        g_error ("%s comes %u times that week", week, visits);
      g_hash_table_insert (weeks, g_strdup (week), GUINT_TO_POINTER (visits));
    }

  /* A real practice's worth of people */
  g_assert_cmpuint (g_hash_table_size (clients), >=, 150);
}

/* Closed on the holidays on fixed dates; open again after them */
static void
test_holidays (void)
{
  g_autoptr(Demo) demo = demo_new (G_GINT64_CONSTANT (1923897600));   /* Thursday 19 December 2030 */
  guint after = 0;

  for (guint i = 0; i < json_array_get_length (demo->bookings); i++)
    {
      const char *start = json_object_get_string_member (json_array_get_object_element (demo->bookings, i), "start");

      g_assert_false (g_str_has_prefix (start, "2030-12-24") || g_str_has_prefix (start, "2030-12-25") ||
                      g_str_has_prefix (start, "2030-12-26") || g_str_has_prefix (start, "2030-12-31") ||
                      g_str_has_prefix (start, "2031-01-01"));
      after += g_str_has_prefix (start, "2030-12-27") || g_str_has_prefix (start, "2031-01-02");
    }
  g_assert_cmpuint (after, >, 10);
}

/* Same seed and day, same practice */
static void
test_reproducible (void)
{
  g_autoptr(Demo) first = demo_new (days[1]);
  g_autoptr(Demo) second = demo_new (days[1]);
  g_autoptr(JsonNode) a = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) b = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (a, first->bookings);
  json_node_set_array (b, second->bookings);
  g_assert_true (json_node_equal (a, b));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/demo/working-hours", test_working_hours);
  g_test_add_func ("/sandbox/demo/no-overlaps", test_no_overlaps);
  g_test_add_func ("/sandbox/demo/caseloads", test_caseloads);
  g_test_add_func ("/sandbox/demo/holidays", test_holidays);
  g_test_add_func ("/sandbox/demo/one-visit-a-day", test_one_visit_a_day);
  g_test_add_func ("/sandbox/demo/relative-to-today", test_relative_to_today);
  g_test_add_func ("/sandbox/demo/no-test-strings", test_no_test_strings);
  g_test_add_func ("/sandbox/demo/client-zones", test_client_zones);
  g_test_add_func ("/sandbox/demo/story", test_story);
  g_test_add_func ("/sandbox/demo/organization", test_organization);
  g_test_add_func ("/sandbox/demo/reproducible", test_reproducible);

  return g_test_run ();
}
