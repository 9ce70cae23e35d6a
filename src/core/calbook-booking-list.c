/* calbook-booking-list.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-booking-list"

#include "calbook-booking-list.h"
#include "calbook-store-private.h"

/* Rows are read WINDOW_SIZE at a time, and at most N_WINDOWS windows are
 * kept: enough for a screenful and some scrolling either way, and a fixed
 * amount of memory however large the store is. */
#define WINDOW_SIZE 64
#define N_WINDOWS 4

/* A list whose exact count waits shows this many rows first (two windows):
 * when there are fewer, that is the count */
#define FIRST_ROWS (2 * WINDOW_SIZE)

typedef struct
{
  guint      index;
  GPtrArray *bookings;
} Window;

struct _CalbookBookingList
{
  GObject               parent_instance;

  CalbookStore         *store;
  CalbookBookingFilter *filter;
  guint                 n_items;
  gboolean              constructed;
  gboolean              summaries;

  /* The count: exact, or (while counted off the main thread) at most
   * count_estimate, with only the first rows in n_items */
  gboolean              count_exact;
  guint                 count_estimate;
  guint                 count_generation;  /* a new query drops older counts */
  GCancellable         *count_cancellable; /* of the count being made */

  /* Most recently used first */
  GQueue                windows;
};

static void calbook_booking_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CalbookBookingList, calbook_booking_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      calbook_booking_list_model_init))

enum
{
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  PROP_N_ITEMS,
  PROP_SUMMARIES,
  PROP_COUNT_EXACT,
  PROP_COUNT_ESTIMATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
window_free (Window *window)
{
  g_clear_pointer (&window->bookings, g_ptr_array_unref);
  g_free (window);
}

static void
clear_windows (CalbookBookingList *self)
{
  g_assert (CALBOOK_IS_BOOKING_LIST (self));

  g_queue_clear_full (&self->windows, (GDestroyNotify) window_free);
}

static Window *
find_window (CalbookBookingList *self,
             guint               index)
{
  g_assert (CALBOOK_IS_BOOKING_LIST (self));

  for (GList *l = self->windows.head; l != NULL; l = l->next)
    {
      Window *window = l->data;

      if (window->index == index)
        return window;
    }

  return NULL;
}

static GPtrArray *
query_window (CalbookBookingList  *self,
              guint                index,
              GError             **error)
{
  Window *neighbour;

  g_assert (CALBOOK_IS_BOOKING_LIST (self));

  /* Scrolling reads the windows next to the ones already read: continue
   * from their edge, a seek in the index, instead of counting off an offset
   * that grows with the position */
  neighbour = index > 0 ? find_window (self, index - 1) : NULL;
  if (neighbour != NULL && neighbour->bookings->len == WINDOW_SIZE)
    return _calbook_store_query_bookings_from (self->store, self->filter,
                                               g_ptr_array_index (neighbour->bookings,
                                                                  WINDOW_SIZE - 1),
                                               FALSE, WINDOW_SIZE, error);

  neighbour = index < G_MAXUINT ? find_window (self, index + 1) : NULL;
  if (neighbour != NULL && neighbour->bookings->len > 0)
    return _calbook_store_query_bookings_from (self->store, self->filter,
                                               g_ptr_array_index (neighbour->bookings, 0),
                                               TRUE, WINDOW_SIZE, error);

  if (self->summaries)
    return calbook_store_query_summaries (self->store, self->filter,
                                          index * WINDOW_SIZE, WINDOW_SIZE, error);

  return calbook_store_query_bookings (self->store, self->filter,
                                       index * WINDOW_SIZE, WINDOW_SIZE, error);
}

static Window *
load_window (CalbookBookingList *self,
             guint               index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  Window *window;

  g_assert (CALBOOK_IS_BOOKING_LIST (self));

  for (GList *l = self->windows.head; l != NULL; l = l->next)
    {
      window = l->data;
      if (window->index == index)
        {
          g_queue_unlink (&self->windows, l);
          g_queue_push_head_link (&self->windows, l);
          return window;
        }
    }

  bookings = query_window (self, index, &error);
  if (bookings == NULL)
    {
      g_warning ("Could not read bookings %u to %u: %s",
                 index * WINDOW_SIZE, index * WINDOW_SIZE + WINDOW_SIZE - 1, error->message);
      return NULL;
    }

  while (self->windows.length >= N_WINDOWS)
    window_free (g_queue_pop_tail (&self->windows));

  window = g_new0 (Window, 1);
  window->index = index;
  window->bookings = g_steal_pointer (&bookings);
  g_queue_push_head (&self->windows, window);

  return window;
}

static guint
count_items (CalbookBookingList *self)
{
  g_autoptr(GError) error = NULL;
  guint n_items;

  g_assert (CALBOOK_IS_BOOKING_LIST (self));

  if (self->store == NULL)
    return 0;

  n_items = calbook_store_count_bookings (self->store, self->filter, &error);
  if (error != NULL)
    {
      g_warning ("Could not count the bookings: %s", error->message);
      return 0;
    }

  return n_items;
}

static GPtrArray *
query_rows (CalbookBookingList  *self,
            guint                offset,
            guint                limit,
            GError             **error)
{
  if (self->summaries)
    return calbook_store_query_summaries (self->store, self->filter, offset, limit, error);

  return calbook_store_query_bookings (self->store, self->filter, offset, limit, error);
}

static gboolean
rows_equal (gpointer a,
            gpointer b)
{
  if (CALBOOK_IS_BOOKING_SUMMARY (a))
    return calbook_booking_summary_equal (a, b);

  return g_str_equal (calbook_booking_get_uid (a), calbook_booking_get_uid (b)) &&
         calbook_booking_equal (a, b);
}

static int
compare_windows (gconstpointer a,
                 gconstpointer b)
{
  const Window *x = a;
  const Window *y = b;

  return (x->index > y->index) - (x->index < y->index);
}

/*
 * Forgets the loaded windows and gives back, in order, the rows of the run
 * of consecutive full windows that holds the most recently used one (the
 * rows around what a view shows), or %NULL when nothing was loaded.
 */
static GPtrArray *
take_loaded_rows (CalbookBookingList *self,
                  guint              *out_first_window)
{
  Window *recent = g_queue_peek_head (&self->windows);
  GPtrArray *rows;
  GList *sorted;
  GList *start;

  *out_first_window = 0;
  if (recent == NULL)
    return NULL;

  sorted = g_list_sort (g_list_copy (self->windows.head), compare_windows);
  start = g_list_find (sorted, recent);

  /* Back to the first window of the run */
  while (start->prev != NULL &&
         ((Window *) start->prev->data)->index + 1 == ((Window *) start->data)->index &&
         ((Window *) start->prev->data)->bookings->len == WINDOW_SIZE)
    start = start->prev;

  *out_first_window = ((Window *) start->data)->index;
  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (GList *l = start; l != NULL; l = l->next)
    {
      Window *window = l->data;

      if (l != start && ((Window *) l->prev->data)->index + 1 != window->index)
        break;
      for (guint i = 0; i < window->bookings->len; i++)
        g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (window->bookings, i)));
      if (window->bookings->len < WINDOW_SIZE)
        break;
    }

  g_list_free (sorted);
  clear_windows (self);

  /* An empty window tells nothing (and a limit of 0 would read all) */
  if (rows->len == 0)
    g_clear_pointer (&rows, g_ptr_array_unref);

  return rows;
}

/*
 * Compares the rows that were loaded from some position with the rows there
 * now, when the list grew by @delta. Finds the first that differs
 * (@out_at, relative to that position) and how many old rows from there
 * were replaced, found by matching the rows at the end of the old block
 * with their new places (@delta further): %G_MAXUINT when the change
 * reaches past the loaded rows. Returns %FALSE when the rows are the same.
 */
static gboolean
find_change (GPtrArray *old_rows,
             GPtrArray *new_rows,
             gint64     delta,
             guint     *out_at,
             guint     *out_removed)
{
  guint first;
  gint64 last;

  for (first = 0; first < old_rows->len; first++)
    {
      if (first >= new_rows->len ||
          !rows_equal (g_ptr_array_index (old_rows, first), g_ptr_array_index (new_rows, first)))
        break;
    }

  if (first == old_rows->len)
    return FALSE;

  *out_at = first;

  /* The last old row, from the end, that is not in its place moved by delta */
  for (last = (gint64) old_rows->len - 1; last >= first; last--)
    {
      gint64 moved = last + delta;

      if (moved < first || moved >= new_rows->len ||
          !rows_equal (g_ptr_array_index (old_rows, last), g_ptr_array_index (new_rows, moved)))
        break;
    }

  if (last == (gint64) old_rows->len - 1 || last + 1 - first + delta < 0)
    *out_removed = G_MAXUINT;
  else
    *out_removed = (guint) (last + 1 - first);

  return TRUE;
}

/* Keeps freshly read rows from a window's start as loaded windows */
static void
keep_rows (CalbookBookingList *self,
           guint               first_window,
           GPtrArray          *rows)
{
  for (guint start = 0; start < rows->len && self->windows.length < N_WINDOWS;
       start += WINDOW_SIZE)
    {
      guint index = first_window + start / WINDOW_SIZE;
      guint end = MIN (start + WINDOW_SIZE, rows->len);
      Window *window;

      /* A short window is only right at the end of the list */
      if (end - start < WINDOW_SIZE && index * WINDOW_SIZE + (end - start) != self->n_items)
        break;

      window = g_new0 (Window, 1);
      window->index = index;
      window->bookings = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = start; i < end; i++)
        g_ptr_array_add (window->bookings, g_object_ref (g_ptr_array_index (rows, i)));
      g_queue_push_tail (&self->windows, window);
    }
}

static void
set_count_state (CalbookBookingList *self,
                 gboolean            exact,
                 guint               estimate)
{
  /* Both are set before either is notified: a label reads both */
  g_object_freeze_notify (G_OBJECT (self));
  if (self->count_exact != exact)
    {
      self->count_exact = exact;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_EXACT]);
    }
  if (self->count_estimate != estimate)
    {
      self->count_estimate = estimate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_ESTIMATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Drops the count being made for an older query */
static void
cancel_count (CalbookBookingList *self)
{
  self->count_generation++;
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
}

typedef struct
{
  CalbookBookingList *self;
  guint               generation;
} CountJob;

static void
on_counted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CountJob *job = user_data;
  g_autoptr(CalbookBookingList) self = job->self;
  g_autoptr(GError) error = NULL;
  guint old_n_items = self->n_items;
  guint count = 0;
  gboolean ok;

  ok = calbook_store_count_bookings_finish (CALBOOK_STORE (object), result, &count, &error);

  /* A newer query (or a reload, which counts exactly) came meanwhile */
  if (job->generation != self->count_generation || self->count_exact)
    {
      g_free (job);
      return;
    }
  g_free (job);
  g_clear_object (&self->count_cancellable);

  if (!ok)
    {
      g_warning ("Could not count the bookings: %s", error->message);
      set_count_state (self, TRUE, self->n_items);
      return;
    }

  /* Every property is right before anyone is told: the first rows stay
   * where they are, the rest comes after them */
  g_object_freeze_notify (G_OBJECT (self));
  self->n_items = count;
  set_count_state (self, TRUE, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (self->n_items > old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n_items, 0,
                                self->n_items - old_n_items);
  else if (self->n_items < old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), self->n_items,
                                old_n_items - self->n_items, 0);
  g_object_thaw_notify (G_OBJECT (self));
}

/*
 * Counts for a new query. A count that would cost more than a frame (a
 * search with many matches and other conditions) is not waited for: the
 * list holds the first rows, says how many there may be at most, and
 * grows to the exact count once it is made off the main thread.
 */
static void
count_new_query (CalbookBookingList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CountJob *job;
  guint estimate = 0;

  g_assert (CALBOOK_IS_BOOKING_LIST (self));

  cancel_count (self);

  if (self->store == NULL ||
      _calbook_store_estimate_count (self->store, self->filter, &estimate, &error))
    {
      if (error != NULL)
        g_warning ("Could not count the bookings: %s", error->message);
      self->n_items = estimate;
      set_count_state (self, TRUE, estimate);
      return;
    }

  rows = query_rows (self, 0, FIRST_ROWS, &error);
  if (rows == NULL)
    {
      g_warning ("Could not read the first bookings: %s", error->message);
      self->n_items = 0;
      set_count_state (self, TRUE, 0);
      return;
    }

  self->n_items = rows->len;
  keep_rows (self, 0, rows);
  if (rows->len < FIRST_ROWS)
    {
      set_count_state (self, TRUE, rows->len);
      return;
    }

  set_count_state (self, FALSE, MAX (estimate, rows->len));

  /* The count holds the list until it lands (cancelled, it lands soon) */
  job = g_new0 (CountJob, 1);
  job->self = g_object_ref (self);
  job->generation = self->count_generation;
  self->count_cancellable = g_cancellable_new ();
  calbook_store_count_bookings_async (self->store, self->filter, self->count_cancellable,
                                      on_counted_cb, job);
}

/* After a new filter: every row is another */
static void
replace_all (CalbookBookingList *self)
{
  guint old_n_items = self->n_items;

  clear_windows (self);
  count_new_query (self);

  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);

  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* GListModel interface */

static GType
calbook_booking_list_get_item_type (GListModel *model)
{
  return CALBOOK_BOOKING_LIST (model)->summaries ? CALBOOK_TYPE_BOOKING_SUMMARY
                                                 : CALBOOK_TYPE_BOOKING;
}

static guint
calbook_booking_list_get_n_items (GListModel *model)
{
  return CALBOOK_BOOKING_LIST (model)->n_items;
}

static gpointer
calbook_booking_list_get_item (GListModel *model,
                               guint       position)
{
  CalbookBookingList *self = CALBOOK_BOOKING_LIST (model);
  Window *window;
  guint offset;

  if (position >= self->n_items || self->store == NULL)
    return NULL;

  window = load_window (self, position / WINDOW_SIZE);
  offset = position % WINDOW_SIZE;

  /* The store may have changed since the count; reload() catches up */
  if (window == NULL || offset >= window->bookings->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (window->bookings, offset));
}

static void
calbook_booking_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = calbook_booking_list_get_item_type;
  iface->get_n_items = calbook_booking_list_get_n_items;
  iface->get_item = calbook_booking_list_get_item;
}

/* GObject overrides */

static void
calbook_booking_list_constructed (GObject *object)
{
  CalbookBookingList *self = CALBOOK_BOOKING_LIST (object);

  G_OBJECT_CLASS (calbook_booking_list_parent_class)->constructed (object);

  self->constructed = TRUE;
  count_new_query (self);
}

static void
calbook_booking_list_dispose (GObject *object)
{
  CalbookBookingList *self = CALBOOK_BOOKING_LIST (object);

  cancel_count (self);
  clear_windows (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (calbook_booking_list_parent_class)->dispose (object);
}

static void
calbook_booking_list_finalize (GObject *object)
{
  CalbookBookingList *self = CALBOOK_BOOKING_LIST (object);

  g_clear_pointer (&self->filter, calbook_booking_filter_free);

  G_OBJECT_CLASS (calbook_booking_list_parent_class)->finalize (object);
}

static void
calbook_booking_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CalbookBookingList *self = CALBOOK_BOOKING_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FILTER:
      g_value_set_boxed (value, self->filter);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_SUMMARIES:
      g_value_set_boolean (value, self->summaries);
      break;

    case PROP_COUNT_EXACT:
      g_value_set_boolean (value, self->count_exact);
      break;

    case PROP_COUNT_ESTIMATE:
      g_value_set_uint (value, self->count_estimate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_booking_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CalbookBookingList *self = CALBOOK_BOOKING_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (self->store == NULL);
      self->store = g_value_dup_object (value);
      break;

    case PROP_SUMMARIES:
      self->summaries = g_value_get_boolean (value);
      break;

    case PROP_FILTER:
      if (!self->constructed)
        {
          /* Still being constructed: nothing to reload yet */
          const CalbookBookingFilter *filter = g_value_get_boxed (value);

          g_clear_pointer (&self->filter, calbook_booking_filter_free);
          self->filter = filter != NULL ? calbook_booking_filter_copy (filter)
                                        : calbook_booking_filter_new ();
        }
      else
        {
          calbook_booking_list_set_filter (self, g_value_get_boxed (value));
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_booking_list_class_init (CalbookBookingListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = calbook_booking_list_constructed;
  object_class->dispose = calbook_booking_list_dispose;
  object_class->finalize = calbook_booking_list_finalize;
  object_class->get_property = calbook_booking_list_get_property;
  object_class->set_property = calbook_booking_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CALBOOK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FILTER] =
    g_param_spec_boxed ("filter", NULL, NULL,
                        CALBOOK_TYPE_BOOKING_FILTER,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Items are CalbookBookingSummary (read from columns only) instead of
   * CalbookBooking */
  properties[PROP_SUMMARIES] =
    g_param_spec_boolean ("summaries", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Whether n-items is the whole count; while it is not, n-items holds
   * the first rows and count-estimate the most there may be ("about N") */
  properties[PROP_COUNT_EXACT] =
    g_param_spec_boolean ("count-exact", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COUNT_ESTIMATE] =
    g_param_spec_uint ("count-estimate", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
calbook_booking_list_init (CalbookBookingList *self)
{
  g_queue_init (&self->windows);
  self->count_exact = TRUE;
  self->filter = calbook_booking_filter_new ();
}

/* Public API */

/**
 * calbook_booking_list_new:
 * @store: the store to read from
 * @filter: (nullable): what to list; %NULL lists every booking by start time
 *
 * Returns: (transfer full): a list model of #CalbookBooking
 */
CalbookBookingList *
calbook_booking_list_new (CalbookStore               *store,
                          const CalbookBookingFilter *filter)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (store), NULL);

  return g_object_new (CALBOOK_TYPE_BOOKING_LIST,
                       "store", store,
                       "filter", filter,
                       NULL);
}

/**
 * calbook_booking_list_new_summaries:
 * @store: the store to read from
 * @filter: (nullable): what to list; %NULL lists every booking by start time
 *
 * Like calbook_booking_list_new(), with #CalbookBookingSummary items read
 * from the store's columns alone: what long lists and tables should use.
 *
 * Returns: (transfer full): a list model of #CalbookBookingSummary
 */
CalbookBookingList *
calbook_booking_list_new_summaries (CalbookStore               *store,
                                    const CalbookBookingFilter *filter)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (store), NULL);

  return g_object_new (CALBOOK_TYPE_BOOKING_LIST,
                       "store", store,
                       "summaries", TRUE,
                       "filter", filter,
                       NULL);
}

/**
 * calbook_booking_list_get_filter:
 * @self: a booking list
 *
 * Returns: (transfer none): the current filter
 */
const CalbookBookingFilter *
calbook_booking_list_get_filter (CalbookBookingList *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_LIST (self), NULL);

  return self->filter;
}

/**
 * calbook_booking_list_set_filter:
 * @self: a booking list
 * @filter: (nullable): the new filter (copied); %NULL lists every booking
 *
 * Runs the new query and emits one #GListModel::items-changed for the whole list.
 */
void
calbook_booking_list_set_filter (CalbookBookingList         *self,
                                 const CalbookBookingFilter *filter)
{
  g_return_if_fail (CALBOOK_IS_BOOKING_LIST (self));

  g_clear_pointer (&self->filter, calbook_booking_filter_free);
  self->filter = filter != NULL ? calbook_booking_filter_copy (filter)
                                : calbook_booking_filter_new ();

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  replace_all (self);
}

/**
 * calbook_booking_list_reload:
 * @self: a booking list
 *
 * Reads the query again after the store changed, and tells only what
 * changed: the rows loaded (those around what a view shows) are compared
 * with what is there now, and one #GListModel::items-changed covers the
 * rows that differ, so that a view keeps its scroll position and its
 * selection. Rows that are not loaded are read afresh when asked for.
 */
void
calbook_booking_list_reload (CalbookBookingList *self)
{
  g_autoptr(GPtrArray) old_rows = NULL;
  g_autoptr(GPtrArray) new_rows = NULL;
  g_autoptr(GError) error = NULL;
  guint old_n_items;
  guint first_window;
  guint lo;
  guint changed_at;
  guint removed;
  guint added;
  gint64 delta;

  g_return_if_fail (CALBOOK_IS_BOOKING_LIST (self));

  old_n_items = self->n_items;
  old_rows = take_loaded_rows (self, &first_window);
  /* The store changed under a view: counted exactly, now */
  cancel_count (self);
  self->n_items = count_items (self);
  set_count_state (self, TRUE, self->n_items);
  delta = (gint64) self->n_items - old_n_items;

  if (old_rows == NULL)
    {
      /* Nothing was ever shown */
      if (old_n_items != self->n_items)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
        }
      return;
    }

  lo = first_window * WINDOW_SIZE;
  if (lo < self->n_items)
    new_rows = query_rows (self, lo, old_rows->len + (guint) MAX (delta, 0), &error);
  else
    new_rows = g_ptr_array_new_with_free_func (g_object_unref);
  if (new_rows == NULL)
    {
      g_warning ("Could not read bookings from %u: %s", lo, error->message);
      new_rows = g_ptr_array_new_with_free_func (g_object_unref);
    }

  if (!find_change (old_rows, new_rows, delta, &changed_at, &removed))
    {
      /* The loaded rows are as they were and where they were: whatever
       * else changed is after them, and only tells when rows came or went
       * (rows not loaded are read afresh when asked for) */
      changed_at = lo + old_rows->len;
      removed = delta != 0 ? old_n_items - MIN (changed_at, old_n_items) : 0;
    }
  else
    {
      changed_at += lo;
    }

  if (removed == G_MAXUINT)
    {
      /* The change reaches past the loaded rows: everything after it */
      removed = old_n_items - changed_at;
      added = self->n_items - MIN (changed_at, self->n_items);
    }
  else
    {
      added = (guint) ((gint64) removed + delta);
    }

  keep_rows (self, first_window, new_rows);

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), changed_at, removed, added);

  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * calbook_booking_list_get_count_exact:
 * @self: a booking list
 *
 * Returns: whether #GListModel:n-items is the whole count; when it is not,
 *   it holds the first rows while the rest is counted off the main thread,
 *   and calbook_booking_list_get_count_estimate() is what to show ("about N")
 */
gboolean
calbook_booking_list_get_count_exact (CalbookBookingList *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_LIST (self), TRUE);

  return self->count_exact;
}

/**
 * calbook_booking_list_get_count_estimate:
 * @self: a booking list
 *
 * Returns: the count to show: the exact one, or while that is being made,
 *   the most there may be
 */
guint
calbook_booking_list_get_count_estimate (CalbookBookingList *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_LIST (self), 0);

  return self->count_estimate;
}
