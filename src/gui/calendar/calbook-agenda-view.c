/* calbook-agenda-view.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "calbook-agenda-view.h"
#include "calbook-booking-row.h"
#include "calbook-calendar-utils.h"
#include "calbook-format.h"

/*
 * The agenda: the bookings of the current status view as one list, under a
 * header for each day ("Today", "Tomorrow", "Monday 7 December"). It reads
 * the store lazily (a CalbookBookingList), so a long past costs nothing until
 * it is scrolled to. GTK 4.8 lists have no section headers, so the first
 * row of each day carries its day's header.
 */

struct _CalbookAgendaView
{
  GtkWidget             parent_instance;

  CalbookViewQuery      query;

  CalbookBookingList   *list;
  GtkSingleSelection   *selection;

  /* Template widgets */
  AdwStatusPage        *empty_page;
  GtkListView          *list_view;
  GtkStack             *stack;
};

static void calbook_agenda_view_iface_init (CalbookViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CalbookAgendaView, calbook_agenda_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CALBOOK_TYPE_VIEW,
                                                      calbook_agenda_view_iface_init))

/* How far a selected booking is looked for in the list when it is set from
 * outside (another view): the list is lazy and may be very long */
#define MAX_SELECTION_SEARCH 2000

/* Auxiliary methods */

static char *
header_for_position (CalbookAgendaView *self,
                     guint              position)
{
  g_autoptr(CalbookBooking) booking = NULL;
  g_autoptr(CalbookBooking) previous = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) previous_start = NULL;
  GListModel *model = G_LIST_MODEL (self->selection);

  g_assert (CALBOOK_IS_AGENDA_VIEW (self));

  booking = g_list_model_get_item (model, position);
  if (booking == NULL)
    return NULL;

  start = g_date_time_new_from_unix_local (calbook_booking_get_start (booking));
  if (start == NULL)
    return NULL;

  if (position > 0 && (previous = g_list_model_get_item (model, position - 1)) != NULL)
    {
      previous_start = g_date_time_new_from_unix_local (calbook_booking_get_start (previous));
      if (calbook_calendar_same_day (start, previous_start))
        return NULL;
    }

  return calbook_format_day_header (start);
}

static void
bind_row (CalbookAgendaView *self,
          GtkListItem       *item)
{
  CalbookBookingRow *row = CALBOOK_BOOKING_ROW (gtk_list_item_get_child (item));
  CalbookBooking *booking = gtk_list_item_get_item (item);
  gboolean pending = calbook_view_query_is_pending (&self->query,
                                                    booking != NULL ? calbook_booking_get_uid (booking) : NULL);
  g_autofree char *header = NULL;

  g_assert (CALBOOK_IS_AGENDA_VIEW (self));

  header = header_for_position (self, gtk_list_item_get_position (item));

  calbook_booking_row_set_own_email (row, self->query.own_email);
  calbook_booking_row_set_pending (row, pending);
  calbook_booking_row_set_header (row, header);
  calbook_booking_row_set_booking (row, booking);

  /* Screen readers announce the list item, not the row inside it: give it
   * the row's sentence (client, time, status) */
  if (booking != NULL && gtk_widget_get_parent (GTK_WIDGET (row)) != NULL)
    {
      g_autofree char *summary = calbook_format_booking_summary (booking, self->query.own_email, pending);

      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (row))),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                      -1);
    }
}

static void
update_stack (CalbookAgendaView *self)
{
  guint n_items = 0;

  g_assert (CALBOOK_IS_AGENDA_VIEW (self));

  if (self->list != NULL)
    n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "list" : "empty");
}

static void
set_selected (CalbookAgendaView *self,
              CalbookBooking    *booking)
{
  CalbookBooking *selected = calbook_view_get_selected_booking (CALBOOK_VIEW (self));

  g_assert (CALBOOK_IS_AGENDA_VIEW (self));

  /* The same booking read again after a sync is still the same selection */
  if (selected != NULL && booking != NULL &&
      g_strcmp0 (calbook_booking_get_uid (selected), calbook_booking_get_uid (booking)) == 0 &&
      calbook_booking_equal (selected, booking))
    return;

  calbook_view_set_selected_booking (CALBOOK_VIEW (self), booking);
}

/* Finds @uid in the list's first rows; GTK_INVALID_LIST_POSITION when not there */
static guint
find_uid (CalbookAgendaView *self,
          const char        *uid)
{
  GListModel *model;
  guint n_items;

  g_assert (CALBOOK_IS_AGENDA_VIEW (self));

  if (self->selection == NULL || uid == NULL)
    return GTK_INVALID_LIST_POSITION;

  model = G_LIST_MODEL (self->selection);
  n_items = MIN (g_list_model_get_n_items (model), MAX_SELECTION_SEARCH);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CalbookBooking) booking = g_list_model_get_item (model, i);

      if (g_strcmp0 (calbook_booking_get_uid (booking), uid) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* After a reload or an outside selection: select the row of the selected
 * booking, or forget the booking when the list no longer has it */
static void
sync_selection (CalbookAgendaView *self)
{
  CalbookBooking *selected = calbook_view_get_selected_booking (CALBOOK_VIEW (self));
  guint position;

  g_assert (CALBOOK_IS_AGENDA_VIEW (self));

  if (self->selection == NULL)
    return;

  if (selected == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  position = find_uid (self, calbook_booking_get_uid (selected));
  gtk_single_selection_set_selected (self->selection, position);

  if (position == GTK_INVALID_LIST_POSITION)
    set_selected (self, NULL);
  else
    {
      g_autoptr(CalbookBooking) fresh = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                               position);
      set_selected (self, fresh);
    }
}

/* Scrolls to the first booking on or after the view's date */
static void
scroll_to_date (CalbookAgendaView *self)
{
  g_autoptr(CalbookBookingFilter) before = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GError) error = NULL;
  guint position;
  guint n_items;

  g_assert (CALBOOK_IS_AGENDA_VIEW (self));

  if (self->list == NULL)
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (n_items == 0)
    return;

  day = calbook_calendar_start_of_day (calbook_view_peek_date (CALBOOK_VIEW (self)));
  before = calbook_booking_filter_copy (calbook_booking_list_get_filter (self->list));

  /* The rows before the day: those starting before it (earliest first), or
   * those still going on after it (latest first) */
  if (before->sort == CALBOOK_BOOKING_SORT_START_DESC)
    {
      g_autoptr(GDateTime) next_day = g_date_time_add_days (day, 1);

      before->range_start = MAX (before->range_start, g_date_time_to_unix (next_day));
    }
  else
    {
      before->range_end = MIN (before->range_end, g_date_time_to_unix (day));
    }

  if (before->range_start >= before->range_end)
    position = 0;
  else
    position = calbook_store_count_bookings (self->query.store, before, &error);

  if (error != NULL)
    {
      g_warning ("Could not find the agenda's date: %s", error->message);
      return;
    }

  position = MIN (position, n_items - 1);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Callbacks */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     CalbookAgendaView        *self)
{
  gtk_list_item_set_child (item, calbook_booking_row_new ());
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    CalbookAgendaView        *self)
{
  bind_row (self, item);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      CalbookAgendaView        *self)
{
  calbook_booking_row_set_booking (CALBOOK_BOOKING_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
on_selection_selected_changed_cb (CalbookAgendaView *self)
{
  CalbookBooking *booking;

  g_assert (CALBOOK_IS_AGENDA_VIEW (self));

  booking = gtk_single_selection_get_selected_item (self->selection);

  /* A reload drops the selection for a moment: sync_selection() decides */
  if (booking != NULL)
    set_selected (self, booking);
}

static void
on_list_items_changed_cb (CalbookAgendaView *self)
{
  g_assert (CALBOOK_IS_AGENDA_VIEW (self));

  update_stack (self);
  sync_selection (self);
  g_signal_emit_by_name (self, "loaded");
}

static void
on_list_count_exact_cb (CalbookAgendaView *self)
{
  g_assert (CALBOOK_IS_AGENDA_VIEW (self));

  /* The count was an estimate ("about N"), and is now exact */
  g_signal_emit_by_name (self, "loaded");
}

static void
on_list_view_activate_cb (CalbookAgendaView *self,
                          guint              position)
{
  g_autoptr(CalbookBooking) booking = NULL;

  g_assert (CALBOOK_IS_AGENDA_VIEW (self));

  booking = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (booking == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  set_selected (self, booking);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
}

/* CalbookView */

/* A week at a time */
static GDateTime *
calbook_agenda_view_step (CalbookView *view,
                          GDateTime   *date,
                          int          direction)
{
  return g_date_time_add_days (date, 7 * direction);
}

static void
calbook_agenda_view_date_changed (CalbookView *view)
{
  scroll_to_date (CALBOOK_AGENDA_VIEW (view));
}

static void
calbook_agenda_view_selected_changed (CalbookView *view)
{
  sync_selection (CALBOOK_AGENDA_VIEW (view));
}

static void
calbook_agenda_view_set_query (CalbookView                *view,
                               CalbookStore               *store,
                               const CalbookBookingFilter *filter,
                               const char                 *own_email)
{
  CalbookAgendaView *self = CALBOOK_AGENDA_VIEW (view);
  gboolean same_store = self->query.store == store;

  calbook_view_query_set (&self->query, store, filter, own_email);

  if (store == NULL)
    {
      gtk_list_view_set_model (self->list_view, NULL);
      if (self->list != NULL)
        g_signal_handlers_disconnect_by_data (self->list, self);
      g_clear_object (&self->selection);
      g_clear_object (&self->list);
      set_selected (self, NULL);
      update_stack (self);
      return;
    }

  if (self->list != NULL && same_store)
    {
      /* Same store, new filter: one items-changed, and the selection is checked */
      calbook_booking_list_set_filter (self->list, self->query.filter);
      return;
    }

  gtk_list_view_set_model (self->list_view, NULL);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);

  self->list = calbook_booking_list_new (store, self->query.filter);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_selected_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* After the selection model has seen the change */
  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_list_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->list, "notify::count-exact",
                           G_CALLBACK (on_list_count_exact_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_stack (self);
  sync_selection (self);
}

static void
calbook_agenda_view_set_pending (CalbookView *view,
                                 GHashTable  *uids)
{
  CalbookAgendaView *self = CALBOOK_AGENDA_VIEW (view);
  gboolean same = calbook_view_query_same_pending (&self->query, uids);

  calbook_view_query_set_pending (&self->query, uids);

  /* Rebind the visible rows so their markers follow (a reload re-reads
   * the store: not when nothing changed, as after most syncs) */
  if (self->list != NULL && !same)
    calbook_booking_list_reload (self->list);
}

static void
calbook_agenda_view_reload (CalbookView *view)
{
  CalbookAgendaView *self = CALBOOK_AGENDA_VIEW (view);

  if (self->list != NULL)
    calbook_booking_list_reload (self->list);
}

static void
calbook_agenda_view_iface_init (CalbookViewInterface *iface)
{
  iface->step = calbook_agenda_view_step;
  iface->date_changed = calbook_agenda_view_date_changed;
  iface->selected_changed = calbook_agenda_view_selected_changed;
  iface->set_query = calbook_agenda_view_set_query;
  iface->set_pending = calbook_agenda_view_set_pending;
  iface->reload = calbook_agenda_view_reload;
}

/* GObject overrides */

static void
calbook_agenda_view_dispose (GObject *object)
{
  CalbookAgendaView *self = (CalbookAgendaView *)object;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_AGENDA_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  calbook_view_query_clear (&self->query);

  G_OBJECT_CLASS (calbook_agenda_view_parent_class)->dispose (object);
}

static void
calbook_agenda_view_class_init (CalbookAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_agenda_view_dispose;
  calbook_view_install_properties (object_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-agenda-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookAgendaView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CalbookAgendaView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CalbookAgendaView, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
calbook_agenda_view_init (CalbookAgendaView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The factory is set from the start, even while the agenda is hidden: a
   * list view without one still exposes an unnamed list item per row to
   * screen readers (gui/accessibility) */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  update_stack (self);
}

/* Public API */

/**
 * calbook_agenda_view_get_list:
 * @self: a #CalbookAgendaView
 *
 * Returns: (transfer none) (nullable): the bookings listed
 */
CalbookBookingList *
calbook_agenda_view_get_list (CalbookAgendaView *self)
{
  g_return_val_if_fail (CALBOOK_IS_AGENDA_VIEW (self), NULL);

  return self->list;
}

GtkListView *
calbook_agenda_view_get_list_view (CalbookAgendaView *self)
{
  g_return_val_if_fail (CALBOOK_IS_AGENDA_VIEW (self), NULL);

  return self->list_view;
}

void
calbook_agenda_view_set_empty_state (CalbookAgendaView *self,
                                     const char        *icon_name,
                                     const char        *title,
                                     const char        *description)
{
  g_return_if_fail (CALBOOK_IS_AGENDA_VIEW (self));

  adw_status_page_set_icon_name (self->empty_page, icon_name);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}
