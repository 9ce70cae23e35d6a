/* test-booking-list.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "booking-generator.h"
#include "calbook-booking-list.h"
#include "calbook-error.h"

#define N_BOOKINGS 300

static guint32 seed;

typedef struct
{
  char         *dir;
  CalbookStore *store;
  GRand        *rand;
  GPtrArray    *bookings;
} Fixture;

typedef struct
{
  guint n_emissions;
  guint position;
  guint removed;
  guint added;
  guint n_notifies;
} Changes;

/* Auxiliary methods */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "account.sqlite3", NULL);
  fixture->store = calbook_store_open (path, &error);
  g_assert_no_error (error);

  fixture->rand = g_rand_new_with_seed (seed);
  fixture->bookings = test_generate_bookings (fixture->rand, N_BOOKINGS, "list-");
  calbook_store_upsert_bookings (fixture->store, fixture->bookings, NULL, NULL, &error);
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
}

static void
on_list_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          Changes    *changes)
{
  changes->n_emissions++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
on_list_notify_n_items_cb (GObject    *object,
                           GParamSpec *pspec,
                           Changes    *changes)
{
  changes->n_notifies++;
}

/* Compares every asked-for item with the same row read straight from the store */
static void
check_random_items (CalbookBookingList         *list,
                    CalbookStore               *store,
                    const CalbookBookingFilter *filter,
                    GRand                      *rand,
                    guint                       n_checks)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n_checks && n_items > 0; i++)
    {
      g_autoptr(GError) error = NULL;
      guint position = g_rand_int_range (rand, 0, n_items);
      g_autoptr(CalbookBooking) item = g_list_model_get_item (G_LIST_MODEL (list), position);
      g_autoptr(GPtrArray) direct = calbook_store_query_bookings (store, filter, position, 1,
                                                                  &error);

      g_assert_no_error (error);
      g_assert_nonnull (item);
      g_assert_cmpuint (direct->len, ==, 1);
      if (!calbook_booking_equal (item, g_ptr_array_index (direct, 0)))
        g_error ("item %u differs from the store's row %u (seed %u, replay with "
                 "CALBOOK_TEST_SEED=%u)", position, position, seed, seed);
    }
}

/* Tests */

static void
test_n_items (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookBookingList) list = calbook_booking_list_new (fixture->store, NULL);
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(CalbookBookingList) filtered = NULL;
  g_autoptr(CalbookStore) store = NULL;
  guint n_items = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == CALBOOK_TYPE_BOOKING);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_BOOKINGS);
  g_object_get (list, "n-items", &n_items, "store", &store, NULL);
  g_assert_cmpuint (n_items, ==, N_BOOKINGS);
  g_assert_true (store == fixture->store);
  g_assert_true (calbook_booking_filter_is_empty (calbook_booking_list_get_filter (list)));

  /* Past the end there is nothing */
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), N_BOOKINGS));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), G_MAXUINT));

  filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED);
  filter->user_id = 2;
  filtered = calbook_booking_list_new (fixture->store, filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filtered)), ==,
                    calbook_store_count_bookings (fixture->store, filter, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filtered)), <, N_BOOKINGS);
  g_assert_cmpuint (calbook_booking_list_get_filter (filtered)->user_id, ==, 2);
}

static void
test_get_item (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CalbookBookingList) list = calbook_booking_list_new (fixture->store, NULL);

  /* Every item, in order, is the reference order of the generated set */
  {
    g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
    g_autoptr(GPtrArray) expected = test_filter_bookings (filter, fixture->bookings);

    g_assert_cmpuint (expected->len, ==, N_BOOKINGS);
    for (guint i = 0; i < N_BOOKINGS; i++)
      {
        g_autoptr(CalbookBooking) item = g_list_model_get_item (G_LIST_MODEL (list), i);

        g_assert_true (calbook_booking_equal (item, g_ptr_array_index (expected, i)));
      }
  }

  check_random_items (list, fixture->store, NULL, fixture->rand, 200);

  /* Random filters: positions anywhere, windows in any order */
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(CalbookBookingFilter) filter = test_generate_filter (fixture->rand,
                                                                     fixture->bookings);
      g_autoptr(GPtrArray) expected = test_filter_bookings (filter, fixture->bookings);

      calbook_booking_list_set_filter (list, filter);
      if (g_list_model_get_n_items (G_LIST_MODEL (list)) != expected->len)
        {
          g_autofree char *description = test_describe_filter (filter);

          g_error ("%u items, expected %u for %s (seed %u)",
                   g_list_model_get_n_items (G_LIST_MODEL (list)), expected->len, description,
                   seed);
        }
      check_random_items (list, fixture->store, filter, fixture->rand, 10);
    }
}

static void
assert_item (CalbookBookingList         *list,
             GPtrArray                  *expected,
             guint                       position,
             const CalbookBookingFilter *filter)
{
  g_autoptr(CalbookBooking) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  if (item == NULL || !calbook_booking_equal (item, g_ptr_array_index (expected, position)))
    {
      g_autofree char *description = test_describe_filter (filter);

      g_error ("item %u of %u is not the reference's for %s (seed %u, replay with "
               "CALBOOK_TEST_SEED=%u)", position, expected->len, description, seed, seed);
    }
}

static void
test_scroll (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CalbookBookingList) list = calbook_booking_list_new (fixture->store, NULL);

  /* Scrolling down, up, and jumping around: windows read next to others
   * continue from their edge; all must be the reference order */
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(CalbookBookingFilter) filter = NULL;
      g_autoptr(GPtrArray) expected = NULL;

      filter = i == 0 ? calbook_booking_filter_new ()
                      : test_generate_filter (fixture->rand, fixture->bookings);
      expected = test_filter_bookings (filter, fixture->bookings);
      calbook_booking_list_set_filter (list, filter);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);

      switch (i % 3)
        {
        case 0:
          for (guint k = 0; k < expected->len; k++)
            assert_item (list, expected, k, filter);
          break;

        case 1:
          for (guint k = expected->len; k > 0; k--)
            assert_item (list, expected, k - 1, filter);
          break;

        default:
          for (guint k = 0; k < 40 && expected->len > 0; k++)
            {
              guint position = g_rand_int_range (fixture->rand, 0, expected->len);
              gint step = g_rand_boolean (fixture->rand) ? 1 : -1;

              /* a jump, then a few rows in one direction */
              for (guint m = 0; m < 70 && position < expected->len; m++, position += step)
                assert_item (list, expected, position, filter);
            }
          break;
        }
    }
}

static void
test_reload (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookBookingList) list = calbook_booking_list_new (fixture->store, NULL);
  g_autoptr(GPtrArray) more = test_generate_bookings (fixture->rand, 20, "more-");
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(CalbookBookingFilter) nothing = calbook_booking_filter_new ();
  g_autoptr(CalbookBooking) first = NULL;
  Changes changes = { 0, };
  guint expected;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_list_items_changed_cb), &changes);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (on_list_notify_n_items_cb), &changes);

  /* Load a window, then change the store behind the list's back */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  calbook_store_upsert_bookings (fixture->store, more, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_emissions, ==, 0);

  calbook_booking_list_reload (list);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.added, ==, changes.removed + 20);
  g_assert_cmpuint (changes.position + changes.removed, <=, N_BOOKINGS);
  g_assert_cmpuint (changes.n_notifies, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_BOOKINGS + 20);
  /* Nothing stale is served after a reload */
  check_random_items (list, fixture->store, NULL, fixture->rand, 100);

  /* A new filter: one emission for the whole list */
  filter->sort = CALBOOK_BOOKING_SORT_UPDATED_DESC;
  calbook_booking_filter_set_text (filter, "meet");
  expected = calbook_store_count_bookings (fixture->store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected, >, 0);
  calbook_booking_list_set_filter (list, filter);
  g_assert_cmpuint (changes.n_emissions, ==, 2);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, N_BOOKINGS + 20);
  g_assert_cmpuint (changes.added, ==, expected);
  g_assert_cmpstr (calbook_booking_list_get_filter (list)->text, ==, "meet");
  check_random_items (list, fixture->store, filter, fixture->rand, 50);

  /* Through the property, as a GUI binding would */
  filter->range_start = G_MAXINT64 - 1;
  g_object_set (list, "filter", filter, NULL);
  g_assert_cmpuint (changes.n_emissions, ==, 3);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* Empty before and after: nothing to tell */
  nothing->range_end = G_MININT64 + 1;
  calbook_booking_list_set_filter (list, nothing);
  calbook_booking_list_reload (list);
  g_assert_cmpuint (changes.n_emissions, ==, 3);

  /* Back to everything with a NULL filter */
  calbook_booking_list_set_filter (list, NULL);
  g_assert_cmpuint (changes.n_emissions, ==, 4);
  g_assert_cmpuint (changes.added, ==, N_BOOKINGS + 20);
}

static void
test_bounded_cache (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CalbookBookingList) list = calbook_booking_list_new (fixture->store, NULL);
  CalbookBooking *weak = g_list_model_get_item (G_LIST_MODEL (list), 0);
  CalbookBooking *again;

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_object_unref (weak);
  /* Still cached: the same object comes back */
  g_assert_nonnull (weak);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again == weak);
  g_object_unref (again);

  /* Walking the whole list keeps only a few windows: the first row's object
   * is let go, so memory does not grow with the number of rows */
  for (guint i = 0; i < N_BOOKINGS; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  g_assert_null (weak);

  /* and comes back as an equal, new object */
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (again);
  g_object_unref (again);
}

/* The uids of rows [from, to) as the list gives them */
static GPtrArray *
list_uids (GListModel *list,
           guint       from,
           guint       to)
{
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = from; i < to; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_assert_nonnull (item);
      g_ptr_array_add (uids, g_strdup (CALBOOK_IS_BOOKING_SUMMARY (item)
                                       ? calbook_booking_summary_get_uid (CALBOOK_BOOKING_SUMMARY (item))
                                       : calbook_booking_get_uid (CALBOOK_BOOKING (item))));
    }

  return uids;
}

/* Applies one items-changed to a copy of the rows a view had, with the new
 * rows in the changed range: the view's rows must then be the list's */
static void
assert_change_explains (GPtrArray     *before,
                        guint          before_from,
                        const Changes *changes,
                        GListModel    *list)
{
  g_autoptr(GPtrArray) now = NULL;
  guint n_items = g_list_model_get_n_items (list);

  /* Every row shown before and untouched by the change is where the change
   * says it is now */
  for (guint i = 0; i < before->len; i++)
    {
      guint old_position = before_from + i;
      guint new_position;
      g_autoptr(GPtrArray) at = NULL;

      if (old_position >= changes->position &&
          old_position < changes->position + changes->removed)
        continue;
      new_position = old_position < changes->position
        ? old_position
        : old_position - changes->removed + changes->added;
      g_assert_cmpuint (new_position, <, n_items);
      at = list_uids (list, new_position, new_position + 1);
      g_assert_cmpstr (g_ptr_array_index (at, 0), ==, g_ptr_array_index (before, i));
    }
}

/* A reload tells what changed where a view looks, so that it keeps its
 * scroll position and selection: not "everything was replaced" */
static void
test_reload_diff (Fixture       *fixture,
                  gconstpointer  data)
{
  gboolean summaries = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookBookingList) list = summaries
    ? calbook_booking_list_new_summaries (fixture->store, NULL)
    : calbook_booking_list_new (fixture->store, NULL);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GPtrArray) all = calbook_store_query_bookings (fixture->store, NULL, 0, 0, &error);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  Changes changes = { 0, };
  CalbookBooking *target;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (model) == (summaries ? CALBOOK_TYPE_BOOKING_SUMMARY
                                                                  : CALBOOK_TYPE_BOOKING));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_list_items_changed_cb), &changes);

  /* A view shows rows 130 to 150 */
  shown = list_uids (model, 130, 150);

  /* Nothing changed: nothing to tell */
  calbook_booking_list_reload (list);
  g_assert_cmpuint (changes.n_emissions, ==, 0);

  /* One shown booking changes (same place in the order): that row only */
  target = g_ptr_array_index (all, 140);
  {
    g_autofree char *text = calbook_booking_to_json_string (target);
    g_autoptr(JsonNode) root = json_from_string (text, &error);
    JsonObject *object = json_node_get_object (root);
    g_autofree char *later = NULL;
    g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (calbook_booking_get_updated_at (target) + 60);

    later = g_date_time_format_iso8601 (time);
    json_object_set_string_member (object, "title", "Changed in place");
    json_object_set_string_member (object, "updatedAt", later);
    g_ptr_array_add (page, calbook_booking_new_from_json (object, &error));
    g_assert_no_error (error);
  }
  calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
  g_assert_no_error (error);
  calbook_booking_list_reload (list);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 140);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  assert_change_explains (shown, 130, &changes, model);

  /* One booking removed from among the shown ones */
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = list_uids (model, 130, 150);
  {
    g_autoptr(GPtrArray) uids = g_ptr_array_new ();

    g_ptr_array_add (uids, g_ptr_array_index (shown, 5));
    calbook_store_delete_bookings (fixture->store, uids, &error);
    g_assert_no_error (error);
  }
  calbook_booking_list_reload (list);
  g_assert_cmpuint (changes.n_emissions, ==, 2);
  g_assert_cmpuint (changes.position, ==, 135);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_BOOKINGS - 1);
  assert_change_explains (shown, 130, &changes, model);

  /* A booking far after the shown rows changes: nothing the view shows moves */
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = list_uids (model, 130, 150);
  g_ptr_array_set_size (page, 0);
  target = g_ptr_array_index (all, N_BOOKINGS - 2);
  {
    g_autofree char *text = calbook_booking_to_json_string (target);
    g_autoptr(JsonNode) root = json_from_string (text, &error);
    JsonObject *object = json_node_get_object (root);
    g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (calbook_booking_get_updated_at (target) + 60);
    g_autofree char *later = g_date_time_format_iso8601 (time);

    json_object_set_string_member (object, "title", "Changed far away");
    json_object_set_string_member (object, "updatedAt", later);
    g_ptr_array_add (page, calbook_booking_new_from_json (object, &error));
    g_assert_no_error (error);
  }
  calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
  g_assert_no_error (error);
  changes.position = changes.removed = changes.added = 0;
  calbook_booking_list_reload (list);
  g_assert_cmpuint (changes.n_emissions, <=, 3);
  if (changes.n_emissions == 3)
    g_assert_cmpuint (changes.position, >=, 150);
  assert_change_explains (shown, 130, &changes, model);

  /* Whatever was read after the reload is what the store has */
  for (guint i = 0; i < 40; i++)
    {
      guint position = g_rand_int_range (fixture->rand, 0, g_list_model_get_n_items (model));
      g_autoptr(GPtrArray) direct = calbook_store_query_bookings (fixture->store, NULL, position,
                                                                  1, &error);
      g_autoptr(GPtrArray) listed = list_uids (model, position, position + 1);

      g_assert_no_error (error);
      g_assert_cmpstr (g_ptr_array_index (listed, 0), ==,
                       calbook_booking_get_uid (g_ptr_array_index (direct, 0)));
    }
  (void) json;
}

/* Summaries carry what rows show, the same as the whole booking */
static void
test_summaries (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();

  for (guint column = CALBOOK_BOOKING_COLUMN_DEFAULT; column < CALBOOK_BOOKING_N_COLUMNS; column++)
    {
      g_autoptr(CalbookBookingList) list = NULL;
      g_autoptr(GPtrArray) bookings = NULL;

      filter->sort_column = column;
      filter->sort_descending = column % 2 == 0;
      list = calbook_booking_list_new_summaries (fixture->store, filter);
      bookings = calbook_store_query_bookings (fixture->store, filter, 0, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, bookings->len);

      /* Walk it all, which reads windows on from their neighbours */
      for (guint i = 0; i < bookings->len; i++)
        {
          CalbookBooking *booking = g_ptr_array_index (bookings, i);
          g_autoptr(CalbookBookingSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);
          CalbookPerson *client = calbook_booking_column_get_client (booking);
          CalbookPerson *host = calbook_booking_column_get_host (booking);
          const char *location = calbook_booking_get_location (booking);

          g_assert_cmpstr (calbook_booking_summary_get_uid (summary), ==,
                           calbook_booking_get_uid (booking));
          g_assert_cmpstr (calbook_booking_summary_get_title (summary), ==,
                           calbook_booking_get_title (booking));
          g_assert_cmpint (calbook_booking_summary_get_start (summary), ==,
                           calbook_booking_get_start (booking));
          g_assert_cmpint (calbook_booking_summary_get_end (summary), ==,
                           calbook_booking_get_end (booking));
          g_assert_cmpint (calbook_booking_summary_get_status (summary), ==,
                           calbook_booking_get_status (booking));
          g_assert_cmpstr (calbook_booking_summary_get_client_name (summary), ==,
                           client != NULL && client->name != NULL ? client->name : "");
          g_assert_cmpstr (calbook_booking_summary_get_host_email (summary), ==,
                           host != NULL && host->email != NULL ? host->email : "");
          g_assert_cmpint (calbook_booking_summary_get_event_type_id (summary), ==,
                           calbook_booking_get_event_type_id (booking));
          g_assert_cmpint (calbook_booking_summary_get_length (summary), ==,
                           calbook_booking_get_duration (booking));
          g_assert_cmpstr (calbook_booking_summary_get_location (summary), ==,
                           location != NULL ? location : "");
          g_assert_cmpint (calbook_booking_summary_get_location_kind (summary), ==,
                           calbook_booking_location_from_text (location));
          g_assert_cmpint (calbook_booking_summary_get_created_at (summary), ==,
                           calbook_booking_get_created_at (booking));
          g_assert_cmpuint (calbook_booking_summary_get_attendee_count (summary), ==,
                            calbook_booking_get_attendees (booking)->len);
          g_assert_cmpint (calbook_booking_summary_is_recurring (summary), ==,
                           calbook_booking_get_recurring_booking_uid (booking) != NULL);
        }
    }
}

/* Issue 9: a search with many matches and other conditions is not counted
 * on the main thread. The list first holds the first rows and says how
 * many there may be at most, then grows to the exact count at its end,
 * with the rows already there untouched. A search with few matches is
 * counted at once. */
static void
test_count_off_thread (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) more = test_generate_bookings (fixture->rand, 2200, "many-");
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(CalbookBookingList) list = NULL;
  g_autoptr(CalbookBooking) first_before = NULL;
  g_autoptr(CalbookBooking) first_after = NULL;
  Changes changes = { 0, };
  guint exact;

  calbook_store_upsert_bookings (fixture->store, more, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Every booking's e-mail addresses end in ".example": 2500 matches,
   * two statuses of them */
  calbook_booking_filter_set_text (filter, "example");
  filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING) |
                        CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CANCELLED);
  exact = calbook_store_count_bookings (fixture->store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exact, >, 2 * 64);

  list = calbook_booking_list_new (fixture->store, filter);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_list_items_changed_cb), &changes);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (on_list_notify_n_items_cb), &changes);

  g_assert_false (calbook_booking_list_get_count_exact (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2 * 64);
  g_assert_cmpuint (calbook_booking_list_get_count_estimate (list), >=, exact);
  check_random_items (list, fixture->store, filter, fixture->rand, 20);
  first_before = g_list_model_get_item (G_LIST_MODEL (list), 0);

  while (!calbook_booking_list_get_count_exact (list))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, exact);
  g_assert_cmpuint (calbook_booking_list_get_count_estimate (list), ==, exact);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 2 * 64);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, exact - 2 * 64);
  g_assert_cmpuint (changes.n_notifies, ==, 1);
  first_after = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (first_before == first_after);
  check_random_items (list, fixture->store, filter, fixture->rand, 40);

  /* A rare word with the same statuses: exact at once */
  {
    g_autoptr(CalbookBookingFilter) rare = calbook_booking_filter_copy (filter);
    guint rare_exact;

    calbook_booking_filter_set_text (rare, "supercalifragilisticexpialidocious");
    rare_exact = calbook_store_count_bookings (fixture->store, rare, &error);
    g_assert_no_error (error);
    calbook_booking_list_set_filter (list, rare);
    g_assert_true (calbook_booking_list_get_count_exact (list));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, rare_exact);
    g_assert_cmpuint (calbook_booking_list_get_count_estimate (list), ==, rare_exact);
  }

  /* A new query drops the count of the one before: back to the broad
   * search, then at once another filter; only the last one's count holds */
  calbook_booking_list_set_filter (list, filter);
  g_assert_false (calbook_booking_list_get_count_exact (list));
  calbook_booking_list_set_filter (list, NULL);
  g_assert_true (calbook_booking_list_get_count_exact (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_BOOKINGS + 2200);
  /* The dropped count lands (its task holds the list until then) and
   * changes nothing */
  while (G_OBJECT (list)->ref_count > 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (calbook_booking_list_get_count_exact (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_BOOKINGS + 2200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  seed = test_get_seed ();

  g_test_add ("/booking-list/count-off-thread", Fixture, NULL, fixture_set_up,
              test_count_off_thread, fixture_tear_down);
  g_test_add ("/booking-list/n-items", Fixture, NULL, fixture_set_up, test_n_items,
              fixture_tear_down);
  g_test_add ("/booking-list/get-item", Fixture, NULL, fixture_set_up, test_get_item,
              fixture_tear_down);
  g_test_add ("/booking-list/scroll", Fixture, NULL, fixture_set_up, test_scroll,
              fixture_tear_down);
  g_test_add ("/booking-list/reload", Fixture, NULL, fixture_set_up, test_reload,
              fixture_tear_down);
  g_test_add ("/booking-list/reload-diff", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_reload_diff, fixture_tear_down);
  g_test_add ("/booking-list/reload-diff-summaries", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_reload_diff, fixture_tear_down);
  g_test_add ("/booking-list/summaries", Fixture, NULL, fixture_set_up, test_summaries,
              fixture_tear_down);
  g_test_add ("/booking-list/bounded-cache", Fixture, NULL, fixture_set_up, test_bounded_cache,
              fixture_tear_down);

  return g_test_run ();
}
