/* test-insights.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "booking-generator.h"
#include "calbook-error.h"
#include "calbook-insights.h"
#include "calbook-store.h"

/*
 * The SQL aggregates against a brute-force count in C over the same
 * bookings, for random filters, in zones with odd offsets. The reference
 * follows calbook_booking_filter_matches(), the filter's defined meaning.
 */

#define N_BOOKINGS 1500
#define N_FILTERS 40
#define DAY (24 * 60 * 60)

typedef struct
{
  gint64  user_id;
  char   *name;
  char   *email;
  guint   bookings;
  guint   cancelled;
  guint   no_shows;
  GHashTable *weeks;    /* week start → count */
} Expected;

typedef struct
{
  char         *dir;
  char         *store_path;
  CalbookStore *store;
  GPtrArray    *bookings;
  GRand        *rand;
} Fixture;

/* Auxiliary methods */

static void
expected_free (Expected *expected)
{
  g_free (expected->name);
  g_free (expected->email);
  g_hash_table_unref (expected->weeks);
  g_free (expected);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_person_unref);
  g_autoptr(GError) error = NULL;

  fixture->rand = g_rand_new_with_seed (test_get_seed ());
  fixture->bookings = test_generate_bookings (fixture->rand, N_BOOKINGS, "ins-");
  fixture->dir = test_make_tmp_dir ();
  fixture->store_path = g_build_filename (fixture->dir, "store.sqlite", NULL);
  fixture->store = calbook_store_open (fixture->store_path, &error);
  g_assert_no_error (error);
  g_assert_true (calbook_store_upsert_bookings (fixture->store, fixture->bookings, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Members 1…4 have memberships; hosts with id 5 only appear on bookings */
  for (gint64 id = 1; id <= 4; id++)
    {
      g_autofree char *name = g_strdup_printf ("Member %" G_GINT64_FORMAT, id);
      g_autofree char *email = g_strdup_printf ("member%" G_GINT64_FORMAT "@example.com", id);
      CalbookPerson *person = calbook_person_new (name, email);

      person->user_id = id;
      person->role = g_strdup ("MEMBER");
      g_ptr_array_add (members, person);
    }
  g_assert_true (calbook_store_replace_members (fixture->store, members, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->bookings, g_ptr_array_unref);
  g_clear_pointer (&fixture->rand, g_rand_free);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->store_path);
}

static gint64
week_start_of (gint64     unix_time,
               GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) monday = NULL;

  midnight = g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local), 0, 0, 0);
  monday = g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (local));

  return g_date_time_to_unix (monday);
}

static gboolean
has_no_show (CalbookBooking *booking)
{
  GPtrArray *attendees = calbook_booking_get_attendees (booking);

  if (calbook_booking_get_absent_host (booking))
    return TRUE;

  for (guint i = 0; i < attendees->len; i++)
    if (((CalbookPerson *) g_ptr_array_index (attendees, i))->absent)
      return TRUE;

  return FALSE;
}

static CalbookInsightsLead
lead_of (CalbookBooking *booking)
{
  gint64 lead = calbook_booking_get_start (booking) - calbook_booking_get_created_at (booking);

  if (lead < DAY)
    return CALBOOK_INSIGHTS_LEAD_SAME_DAY;
  if (lead < 3 * DAY)
    return CALBOOK_INSIGHTS_LEAD_DAYS;
  if (lead < 7 * DAY)
    return CALBOOK_INSIGHTS_LEAD_WEEK;
  if (lead < 14 * DAY)
    return CALBOOK_INSIGHTS_LEAD_TWO_WEEKS;
  if (lead < 28 * DAY)
    return CALBOOK_INSIGHTS_LEAD_MONTH;
  return CALBOOK_INSIGHTS_LEAD_LONGER;
}

static int
compare_waiting (gconstpointer a,
                 gconstpointer b)
{
  CalbookBooking *booking_a = *(CalbookBooking * const *) a;
  CalbookBooking *booking_b = *(CalbookBooking * const *) b;
  gint64 created_a = calbook_booking_get_created_at (booking_a);
  gint64 created_b = calbook_booking_get_created_at (booking_b);

  if (created_a != created_b)
    return created_a < created_b ? -1 : 1;

  return strcmp (calbook_booking_get_uid (booking_a), calbook_booking_get_uid (booking_b));
}

static void
check_filter (Fixture                    *fixture,
              const CalbookBookingFilter *filter,
              GTimeZone                  *zone,
              gint64                      now)
{
  g_autoptr(CalbookInsights) insights = NULL;
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                        (GDestroyNotify) expected_free);
  g_autoptr(GPtrArray) waiting = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *description = test_describe_filter (filter);
  guint hours[7][24] = { { 0 } };
  guint leads[CALBOOK_INSIGHTS_N_LEADS] = { 0 };
  g_autoptr(GHashTable) event_types = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) event_type_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint total = 0;
  guint max_hour = 0;
  GPtrArray *got_members;
  GPtrArray *got_waiting;

  g_test_message ("filter %s", description);

  insights = calbook_insights_compute (fixture->store_path, filter, zone, now, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < fixture->bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (fixture->bookings, i);
      GPtrArray *hosts = calbook_booking_get_hosts (booking);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      guint *cell;

      if (!calbook_booking_filter_matches (filter, booking))
        continue;

      total++;
      utc = g_date_time_new_from_unix_utc (calbook_booking_get_start (booking));
      local = g_date_time_to_timezone (utc, zone);
      cell = &hours[g_date_time_get_day_of_week (local) - 1][g_date_time_get_hour (local)];
      *cell += 1;
      max_hour = MAX (max_hour, *cell);
      leads[lead_of (booking)]++;

      if (calbook_booking_get_event_type_id (booking) != 0)
        {
          gint64 id = calbook_booking_get_event_type_id (booking);
          guint index;

          if (!g_hash_table_contains (event_types, &id))
            {
              g_array_append_val (event_type_ids, id);
              g_hash_table_insert (event_types, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (0));
            }
          index = GPOINTER_TO_UINT (g_hash_table_lookup (event_types, &id));
          g_hash_table_insert (event_types, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (index + 1));
        }

      if (calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_PENDING &&
          calbook_booking_get_start (booking) > now)
        g_ptr_array_add (waiting, booking);

      for (guint h = 0; h < hosts->len; h++)
        {
          CalbookPerson *host = g_ptr_array_index (hosts, h);
          Expected *expected;
          gint64 week;

          /* Each member counts a booking once, with the name its first entry has */
          if (g_hash_table_contains (seen, &host->user_id))
            continue;
          g_hash_table_add (seen, &host->user_id);

          expected = g_hash_table_lookup (members, &host->user_id);
          if (expected == NULL)
            {
              expected = g_new0 (Expected, 1);
              expected->user_id = host->user_id;
              expected->weeks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
              if (host->user_id >= 1 && host->user_id <= 4)
                {
                  expected->name = g_strdup_printf ("Member %" G_GINT64_FORMAT, host->user_id);
                  expected->email = g_strdup_printf ("member%" G_GINT64_FORMAT "@example.com",
                                                     host->user_id);
                }
              g_hash_table_insert (members, &expected->user_id, expected);
            }

          /* Without a membership: the greatest name among the bookings (SQL max) */
          if (host->user_id < 1 || host->user_id > 4)
            {
              if (expected->name == NULL || strcmp (host->name, expected->name) > 0)
                { g_free (expected->name); expected->name = g_strdup (host->name); }
              if (expected->email == NULL || strcmp (host->email, expected->email) > 0)
                { g_free (expected->email); expected->email = g_strdup (host->email); }
            }

          expected->bookings++;
          if (calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_CANCELLED)
            expected->cancelled++;
          if (has_no_show (booking))
            expected->no_shows++;

          week = week_start_of (calbook_booking_get_start (booking), zone);
          if (!g_hash_table_contains (expected->weeks, &week))
            g_hash_table_insert (expected->weeks, g_memdup2 (&week, sizeof week), GUINT_TO_POINTER (0));
          g_hash_table_insert (expected->weeks, g_memdup2 (&week, sizeof week),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (expected->weeks, &week)) + 1));
        }
    }

  /* The same set as the store's own count */
  g_assert_cmpuint (calbook_insights_get_total (insights), ==, total);
  g_assert_cmpuint (calbook_store_count_bookings (fixture->store, filter, &error), ==, total);
  g_assert_no_error (error);

  got_members = calbook_insights_get_members (insights);
  g_assert_cmpuint (got_members->len, ==, g_hash_table_size (members));
  for (guint m = 0; m < got_members->len; m++)
    {
      CalbookInsightsMember *got = g_ptr_array_index (got_members, m);
      Expected *expected = g_hash_table_lookup (members, &got->user_id);
      guint sum = 0;

      g_assert_nonnull (expected);
      g_assert_cmpstr (got->name, ==, expected->name);
      g_assert_cmpstr (got->email, ==, expected->email);
      g_assert_cmpuint (got->bookings, ==, expected->bookings);
      g_assert_cmpuint (got->cancelled, ==, expected->cancelled);
      g_assert_cmpuint (got->no_shows, ==, expected->no_shows);

      /* Most bookings first */
      if (m > 0)
        g_assert_cmpuint (((CalbookInsightsMember *) g_ptr_array_index (got_members, m - 1))->bookings,
                          >=, got->bookings);

      for (guint w = 0; w < calbook_insights_get_n_weeks (insights); w++)
        {
          gint64 week = calbook_insights_get_week_start (insights, w);

          g_assert_cmpuint (calbook_insights_get_week_count (insights, w, m), ==,
                            GPOINTER_TO_UINT (g_hash_table_lookup (expected->weeks, &week)));
          sum += calbook_insights_get_week_count (insights, w, m);

          /* consecutive Mondays */
          if (w > 0)
            g_assert_cmpint (week - calbook_insights_get_week_start (insights, w - 1), ==, 7 * DAY);
        }
      g_assert_cmpuint (sum, ==, expected->bookings);
    }

  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      g_assert_cmpuint (calbook_insights_get_hour_count (insights, d, h), ==, hours[d][h]);
  g_assert_cmpuint (calbook_insights_get_max_hour_count (insights), ==, max_hour);

  for (guint l = 0; l < CALBOOK_INSIGHTS_N_LEADS; l++)
    g_assert_cmpuint (calbook_insights_get_lead_count (insights, l), ==, leads[l]);

  /* Each event type once, with its count */
  {
    GPtrArray *got_types = calbook_insights_get_event_types (insights);

    g_assert_cmpuint (got_types->len, ==, event_type_ids->len);
    for (guint i = 0; i < got_types->len; i++)
      {
        CalbookInsightsEventType *got = g_ptr_array_index (got_types, i);

        g_assert_true (g_hash_table_contains (event_types, &got->id));
        g_assert_cmpuint (got->bookings, ==, GPOINTER_TO_UINT (g_hash_table_lookup (event_types, &got->id)));
        g_assert_nonnull (got->slug);
      }
  }

  g_ptr_array_sort (waiting, compare_waiting);
  got_waiting = calbook_insights_get_waiting (insights);
  g_assert_cmpuint (got_waiting->len, ==, MIN (waiting->len, CALBOOK_INSIGHTS_MAX_WAITING));
  for (guint i = 0; i < got_waiting->len; i++)
    {
      CalbookInsightsWaiting *got = g_ptr_array_index (got_waiting, i);
      CalbookBooking *booking = g_ptr_array_index (waiting, i);
      GPtrArray *hosts = calbook_booking_get_hosts (booking);

      g_assert_cmpstr (got->uid, ==, calbook_booking_get_uid (booking));
      g_assert_cmpstr (got->title, ==, calbook_booking_get_title (booking));
      g_assert_cmpstr (got->member, ==, hosts->len > 0 ? ((CalbookPerson *) g_ptr_array_index (hosts, 0))->name : "");
      g_assert_cmpint (got->created_at, ==, calbook_booking_get_created_at (booking));
      g_assert_cmpint (got->start, ==, calbook_booking_get_start (booking));
    }
}

/* Tests */

static void
test_insights_match_brute_force (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char *zones[] = { "UTC", "Asia/Kathmandu", "America/St_Johns", "Europe/Berlin" };
  /* the generated bookings start in the first two weeks of 2027 */
  gint64 now = 1798761600 + 6 * DAY;

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zones[z]);
      g_autoptr(CalbookBookingFilter) everything = calbook_booking_filter_new ();

      g_assert_nonnull (zone);
      g_test_message ("zone %s", zones[z]);
      check_filter (fixture, everything, zone, now);

      for (guint i = 0; i < N_FILTERS / G_N_ELEMENTS (zones); i++)
        {
          g_autoptr(CalbookBookingFilter) filter = test_generate_filter (fixture->rand,
                                                                        fixture->bookings);

          check_filter (fixture, filter, zone, now);
        }
    }
}

static void
test_insights_empty_store (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CalbookBookingFilter) nothing = calbook_booking_filter_new ();
  g_autoptr(CalbookInsights) insights = NULL;
  g_autoptr(GError) error = NULL;

  calbook_booking_filter_set_text (nothing, "zzzzqqqqnothingmatches");
  insights = calbook_insights_compute (fixture->store_path, nothing, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calbook_insights_get_total (insights), ==, 0);
  g_assert_cmpuint (calbook_insights_get_members (insights)->len, ==, 0);
  g_assert_cmpuint (calbook_insights_get_n_weeks (insights), ==, 0);
  g_assert_cmpuint (calbook_insights_get_max_hour_count (insights), ==, 0);
  g_assert_cmpuint (calbook_insights_get_waiting (insights)->len, ==, 0);
}

static void
on_event_types_listed_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  CalbookInsights **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = calbook_insights_compute_finish (result, &error);
  g_assert_no_error (error);
}

/* The event types alone (the filter's choices) are those of the whole
 * computation over every booking, in the same order */
static void
test_insights_event_types_only (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(CalbookInsights) all = NULL;
  g_autoptr(CalbookInsights) listed = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *expected, *got;

  all = calbook_insights_compute (fixture->store_path, NULL, NULL, 0, &error);
  g_assert_no_error (error);

  calbook_insights_list_event_types_async (fixture->store_path, NULL, on_event_types_listed_cb, &listed);
  while (listed == NULL)
    g_main_context_iteration (NULL, TRUE);

  expected = calbook_insights_get_event_types (all);
  got = calbook_insights_get_event_types (listed);
  g_assert_cmpuint (expected->len, >, 1);
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      CalbookInsightsEventType *a = g_ptr_array_index (expected, i);
      CalbookInsightsEventType *b = g_ptr_array_index (got, i);

      g_assert_cmpint (b->id, ==, a->id);
      g_assert_cmpstr (b->slug, ==, a->slug);
      g_assert_cmpstr (b->owner, ==, a->owner);
      g_assert_cmpuint (b->bookings, ==, a->bookings);
    }
  /* Nothing else was counted */
  g_assert_cmpuint (calbook_insights_get_total (listed), ==, 0);
  g_assert_cmpuint (calbook_insights_get_members (listed)->len, ==, 0);
}

static void
test_insights_damaged_file (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "not-a-store.sqlite", NULL);
  g_autoptr(CalbookInsights) insights = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "this is not SQLite at all, just text", -1, NULL));
  insights = calbook_insights_compute (path, NULL, NULL, 0, &error);
  g_assert_null (insights);
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_QUERY);
  g_assert_nonnull (strstr (error->message, path));

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/insights/match-brute-force", Fixture, NULL,
              fixture_set_up, test_insights_match_brute_force, fixture_tear_down);
  g_test_add ("/insights/empty", Fixture, NULL,
              fixture_set_up, test_insights_empty_store, fixture_tear_down);
  g_test_add ("/insights/event-types-only", Fixture, NULL,
              fixture_set_up, test_insights_event_types_only, fixture_tear_down);
  g_test_add_func ("/insights/damaged-file", test_insights_damaged_file);

  return g_test_run ();
}
