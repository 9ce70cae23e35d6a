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
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, N_BOOKINGS);
  g_assert_cmpuint (changes.added, ==, N_BOOKINGS + 20);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  seed = test_get_seed ();

  g_test_add ("/booking-list/n-items", Fixture, NULL, fixture_set_up, test_n_items,
              fixture_tear_down);
  g_test_add ("/booking-list/get-item", Fixture, NULL, fixture_set_up, test_get_item,
              fixture_tear_down);
  g_test_add ("/booking-list/reload", Fixture, NULL, fixture_set_up, test_reload,
              fixture_tear_down);
  g_test_add ("/booking-list/bounded-cache", Fixture, NULL, fixture_set_up, test_bounded_cache,
              fixture_tear_down);

  return g_test_run ();
}
