/* calbook-booking-list.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-booking-list.h"

/* Rows are read WINDOW_SIZE at a time, and at most N_WINDOWS windows are
 * kept: enough for a screenful and some scrolling either way, and a fixed
 * amount of memory however large the store is. */
#define WINDOW_SIZE 64
#define N_WINDOWS 4

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

  bookings = calbook_store_query_bookings (self->store, self->filter,
                                           index * WINDOW_SIZE, WINDOW_SIZE, &error);
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

/* GListModel interface */

static GType
calbook_booking_list_get_item_type (GListModel *model)
{
  return CALBOOK_TYPE_BOOKING;
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
  self->n_items = count_items (self);
}

static void
calbook_booking_list_dispose (GObject *object)
{
  CalbookBookingList *self = CALBOOK_BOOKING_LIST (object);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
calbook_booking_list_init (CalbookBookingList *self)
{
  g_queue_init (&self->windows);
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
  calbook_booking_list_reload (self);
}

/**
 * calbook_booking_list_reload:
 * @self: a booking list
 *
 * Forgets every loaded row and counts again, after the store changed. Emits
 * one #GListModel::items-changed that removes every old item and adds every
 * new one (nothing when the list was and stays empty).
 */
void
calbook_booking_list_reload (CalbookBookingList *self)
{
  guint old_n_items;

  g_return_if_fail (CALBOOK_IS_BOOKING_LIST (self));

  old_n_items = self->n_items;
  clear_windows (self);
  self->n_items = count_items (self);

  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);

  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}
