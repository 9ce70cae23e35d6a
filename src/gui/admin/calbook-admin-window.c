/* calbook-admin-window.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-admin-cell.h"
#include "calbook-admin-member.h"
#include "calbook-admin-window.h"
#include "calbook-admin-window-private.h"
#include "calbook-booking-details.h"
#include "calbook-error.h"

/*
 * Every booking of the organization, for its admins and owners. The table
 * reads the store through a CalbookBookingList (a window of rows at a time,
 * however many there are) and every filter and sort is a store query. The
 * filters are read from their widgets in one place, build_filter(), and the
 * admin.* actions are enabled from state in one place, update_actions().
 */

#define STATE_KEY_TABLE "ui.admin.table"

struct _CalbookAdminWindow
{
  AdwWindow            parent_instance;

  CalbookContext      *context;
  CalbookBookingList  *list;
  GtkMultiSelection   *selection;
  GListStore          *members;
  GtkStringFilter     *member_name_filter;
  GtkStringFilter     *member_email_filter;
  GHashTable          *pending_uids;
  GArray              *event_type_ids;
  GCancellable        *cancellable;

  gint64               range_start;
  gint64               range_end;
  CalbookAdminColumn   sort_column;
  gboolean             sort_descending;
  gboolean             sorted;
  gboolean             restoring;
  /* The column a custom sorter was asked about last (see find_sort_column) */
  int                  probed_column;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkRevealer         *access_revealer;
  GtkLabel            *access_label;
  GtkSearchEntry      *text_entry;
  GtkMenuButton       *member_button;
  GtkListView         *member_list;
  GtkSearchEntry      *member_search;
  GtkDropDown         *status_dropdown;
  GtkMenuButton       *date_button;
  GtkPopover          *date_popover;
  GtkCalendar         *from_calendar;
  GtkCalendar         *to_calendar;
  GtkDropDown         *event_type_dropdown;
  GtkStringList       *event_type_strings;
  GtkLabel            *count_label;
  GtkColumnView       *column_view;
  GtkActionBar        *bulk_bar;
  GtkLabel            *bulk_label;
  GtkStack            *details_stack;
  GtkLabel            *owner_name_label;
  GtkLabel            *owner_email_label;
  CalbookBookingDetails *details;
  AdwViewStack        *view_stack;
  GtkCustomSorter     *sorters[CALBOOK_ADMIN_COLUMN_CREATED + 1];
  GtkColumnViewColumn *columns[CALBOOK_ADMIN_COLUMN_CREATED + 1];
};

G_DEFINE_FINAL_TYPE (CalbookAdminWindow, calbook_admin_window, ADW_TYPE_WINDOW)

/* Status choices of the drop-down, in its order */
static const guint status_masks[] = {
  0,
  CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING),
  CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED),
  CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CANCELLED),
  CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_RESCHEDULED),
  CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_DECLINED),
};

static const char *column_ids[] = {
  "date", "time", "length", "client", "member", "event-type", "status", "location", "created",
};

/* Auxiliary methods */

static void
update_actions (CalbookAdminWindow *self)
{
  GtkBitset *selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint n_selected = gtk_bitset_get_size (selected);
  gboolean has_rows = self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.export", has_rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.bulk-confirm", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.bulk-decline", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.bulk-cancel", n_selected > 0);

  gtk_bitset_unref (selected);
}

static void
update_count (CalbookAdminWindow *self)
{
  g_autofree char *text = NULL;
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u booking", "%'u bookings", n), n);
  gtk_label_set_text (self->count_label, text);
}

static gboolean
is_member_filtered (CalbookAdminWindow *self,
                    guint              *out_n,
                    CalbookAdminMember **out_first)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  guint n = 0;

  *out_first = NULL;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CalbookAdminMember) member = g_list_model_get_item (G_LIST_MODEL (self->members), i);

      if (calbook_admin_member_get_selected (member))
        {
          if (n++ == 0)
            *out_first = member;
        }
    }

  *out_n = n;
  return n > 0;
}

static void
set_member_ids (CalbookAdminWindow   *self,
                CalbookBookingFilter *filter)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->members));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CalbookAdminMember) member = g_list_model_get_item (G_LIST_MODEL (self->members), i);

      if (calbook_admin_member_get_selected (member))
        {
          filter->user_id = calbook_admin_member_get_user_id (member);
          return;
        }
    }
}

static void
apply_sort (CalbookAdminWindow   *self,
            CalbookBookingFilter *filter)
{
  if (self->sorted && self->sort_descending &&
      (self->sort_column == CALBOOK_ADMIN_COLUMN_DATE || self->sort_column == CALBOOK_ADMIN_COLUMN_TIME))
    filter->sort = CALBOOK_BOOKING_SORT_START_DESC;
  else
    filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
}

static CalbookBookingFilter *
build_filter (CalbookAdminWindow *self)
{
  CalbookBookingFilter *filter = calbook_booking_filter_new ();
  guint status = gtk_drop_down_get_selected (self->status_dropdown);

  calbook_booking_filter_set_text (filter, gtk_editable_get_text (GTK_EDITABLE (self->text_entry)));

  if (status < G_N_ELEMENTS (status_masks))
    filter->status_mask = status_masks[status];

  set_member_ids (self, filter);
  filter->range_start = self->range_start;
  filter->range_end = self->range_end;
  apply_sort (self, filter);

  return filter;
}

static void
update_member_button (CalbookAdminWindow *self)
{
  CalbookAdminMember *first = NULL;
  g_autofree char *label = NULL;
  guint n;

  if (!is_member_filtered (self, &n, &first))
    label = g_strdup (_("All Members"));
  else if (n == 1)
    label = g_strdup (calbook_admin_member_get_name (first));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Member", "%u Members", n), n);

  gtk_menu_button_set_label (self->member_button, label);
}

static char *
format_day (gint64 when)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (when);

  /* Translators: a day in the date filter, e.g. "3 Dec 2026"; see strftime(3) */
  return g_date_time_format (time, _("%-d %b %Y"));
}

static void
update_date_button (CalbookAdminWindow *self)
{
  g_autofree char *label = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (self->range_start != G_MININT64)
    from = format_day (self->range_start);
  if (self->range_end != G_MAXINT64)
    to = format_day (self->range_end - 1);

  if (from == NULL && to == NULL)
    label = g_strdup (_("Any Date"));
  else if (to == NULL)
    /* Translators: a date filter open at the end, e.g. "From 3 Dec 2026" */
    label = g_strdup_printf (_("From %s"), from);
  else if (from == NULL)
    /* Translators: a date filter open at the start, e.g. "Until 3 Dec 2026" */
    label = g_strdup_printf (_("Until %s"), to);
  else if (g_str_equal (from, to))
    label = g_strdup (from);
  else
    /* Translators: a date filter, e.g. "1 Dec 2026 – 7 Dec 2026" */
    label = g_strdup_printf (_("%s – %s"), from, to);

  gtk_menu_button_set_label (self->date_button, label);
}

static void
show_selected_booking (CalbookAdminWindow *self)
{
  GtkBitset *selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(CalbookBooking) booking = NULL;
  g_autofree char *bulk_text = NULL;
  guint n_selected = gtk_bitset_get_size (selected);
  const CalbookPerson *host = NULL;

  if (n_selected == 1)
    booking = g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_nth (selected, 0));
  gtk_bitset_unref (selected);

  gtk_action_bar_set_revealed (self->bulk_bar, n_selected > 1);
  bulk_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u booking selected",
                                            "%'u bookings selected", n_selected), n_selected);
  gtk_label_set_text (self->bulk_label, bulk_text);

  if (booking == NULL)
    {
      gtk_stack_set_visible_child_name (self->details_stack, "empty");
      calbook_booking_details_set_booking (self->details, NULL);
      update_actions (self);
      return;
    }

  if (calbook_booking_get_hosts (booking)->len > 0)
    host = g_ptr_array_index (calbook_booking_get_hosts (booking), 0);

  /* The member as the organization knows them, else as the booking has them */
  if (host != NULL)
    {
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->members));
      const char *name = calbook_person_get_label (host);
      const char *email = host->email;

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(CalbookAdminMember) member = g_list_model_get_item (G_LIST_MODEL (self->members), i);

          if (host->user_id != 0 && calbook_admin_member_get_user_id (member) == host->user_id)
            {
              name = calbook_admin_member_get_name (member);
              email = calbook_admin_member_get_email (member);
              break;
            }
        }

      gtk_label_set_text (self->owner_name_label, name);
      gtk_label_set_text (self->owner_email_label, email);
    }
  else
    {
      gtk_label_set_text (self->owner_name_label, _("No member"));
      gtk_label_set_text (self->owner_email_label, "");
    }

  calbook_booking_details_set_booking (self->details, booking);
  gtk_stack_set_visible_child_name (self->details_stack, "booking");
  update_actions (self);
}

static void
refilter (CalbookAdminWindow *self)
{
  g_autoptr(CalbookBookingFilter) filter = NULL;

  if (self->list == NULL)
    return;

  filter = build_filter (self);
  calbook_booking_list_set_filter (self->list, filter);
  update_count (self);
  update_member_button (self);
  update_date_button (self);
  show_selected_booking (self);
}

static void
read_pending_uids (CalbookAdminWindow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->pending_uids);
  if (self->context == NULL)
    return;

  entries = calbook_context_list_outbox (self->context, &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the changes not sent yet: %s", error->message);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->booking_uid != NULL)
        g_hash_table_add (self->pending_uids, g_strdup (entry->booking_uid));
    }
}

static void
read_members (CalbookAdminWindow *self)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GHashTable) chosen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) chosen_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->members));

  /* Who was chosen stays chosen across a reload */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CalbookAdminMember) member = g_list_model_get_item (G_LIST_MODEL (self->members), i);

      if (calbook_admin_member_get_selected (member))
        {
          gint64 id = calbook_admin_member_get_user_id (member);

          g_array_append_val (chosen_ids, id);
        }
    }
  for (guint i = 0; i < chosen_ids->len; i++)
    g_hash_table_add (chosen, &g_array_index (chosen_ids, gint64, i));

  people = calbook_store_list_members (calbook_context_get_store (self->context), &error);
  if (people == NULL)
    {
      g_warning ("Could not read the organization's members: %s", error->message);
      return;
    }

  g_list_store_remove_all (self->members);
  for (guint i = 0; i < people->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (people, i);
      g_autoptr(CalbookAdminMember) member = calbook_admin_member_new (person);

      calbook_admin_member_set_selected (member, g_hash_table_contains (chosen, &person->user_id));
      g_list_store_append (self->members, member);
    }
}

static void
show_access_problem (CalbookAdminWindow *self,
                     const char         *message)
{
  gtk_label_set_text (self->access_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->access_revealer, message != NULL);
}

/* Table state kept in the account's store: "sort=<column>:<asc|desc>;widths=w,w,…" */
static void
save_table_state (CalbookAdminWindow *self)
{
  g_autoptr(GString) state = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;

  if (self->sorted)
    g_string_append_printf (state, "sort=%s:%s;", column_ids[self->sort_column],
                            self->sort_descending ? "desc" : "asc");
  g_string_append (state, "widths=");
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_string_append_printf (state, "%s%d", i > 0 ? "," : "",
                            gtk_column_view_column_get_fixed_width (self->columns[i]));

  if (!calbook_store_set_state (calbook_context_get_store (self->context), STATE_KEY_TABLE,
                                state->str, &error))
    g_warning ("Could not remember the table's layout: %s", error->message);
}

static void
restore_table_state (CalbookAdminWindow *self)
{
  g_autofree char *state = NULL;
  g_auto(GStrv) parts = NULL;

  state = calbook_store_get_state (calbook_context_get_store (self->context), STATE_KEY_TABLE, NULL);
  if (state == NULL)
    return;

  self->restoring = TRUE;
  parts = g_strsplit (state, ";", -1);
  for (guint p = 0; parts[p] != NULL; p++)
    {
      if (g_str_has_prefix (parts[p], "widths="))
        {
          g_auto(GStrv) widths = g_strsplit (parts[p] + strlen ("widths="), ",", -1);

          for (guint i = 0; widths[i] != NULL && i < G_N_ELEMENTS (self->columns); i++)
            {
              gint64 width = g_ascii_strtoll (widths[i], NULL, 10);

              if (width >= 24 && width <= 2000)
                gtk_column_view_column_set_fixed_width (self->columns[i], (int) width);
            }
        }
      else if (g_str_has_prefix (parts[p], "sort="))
        {
          g_auto(GStrv) sort = g_strsplit (parts[p] + strlen ("sort="), ":", 2);

          for (guint i = 0; sort[0] != NULL && sort[1] != NULL && i < G_N_ELEMENTS (column_ids); i++)
            if (g_str_equal (sort[0], column_ids[i]))
              gtk_column_view_sort_by_column (self->column_view, self->columns[i],
                                              g_str_equal (sort[1], "desc") ? GTK_SORT_DESCENDING
                                                                             : GTK_SORT_ASCENDING);
        }
    }
  self->restoring = FALSE;
}

/*
 * GTK 4.8 cannot say which column the view sorts by (that API came in
 * 4.10), so each column has a custom sorter that only remembers it was
 * asked: the view's sorter asks the primary column first and flips the
 * answer when it sorts descending.
 */
static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  CalbookAdminWindow *self = g_object_get_data (G_OBJECT (user_data), "calbook-admin-window");
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (user_data), "calbook-admin-column"));

  if (self != NULL && self->probed_column < 0)
    self->probed_column = column;

  return GTK_ORDERING_SMALLER;
}

static void
on_view_sorter_changed_cb (CalbookAdminWindow *self,
                           GtkSorterChange     change,
                           GtkSorter          *sorter)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  self->probed_column = -1;
  order = gtk_sorter_compare (sorter, a, b);

  self->sorted = self->probed_column >= 0 && order != GTK_ORDERING_EQUAL;
  if (self->sorted)
    {
      self->sort_column = self->probed_column;
      self->sort_descending = order == GTK_ORDERING_LARGER;
    }

  refilter (self);
  if (!self->restoring)
    save_table_state (self);
}

static void
on_column_width_changed_cb (CalbookAdminWindow *self)
{
  if (!self->restoring)
    save_table_state (self);
}

static void
on_memberships_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CalbookAdminWindow) self = user_data;
  g_autoptr(CalbookApiPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = calbook_api_client_list_memberships_finish (CALBOOK_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is why Cal.com refused, e.g. "This organization has no Admin API access" */
      text = g_strdup_printf (_("Cal.com refused the organization's bookings: %s. "
                                "Only your own bookings are shown."), error->message);
      show_access_problem (self, text);
      return;
    }

  /* Offline or a passing failure: the stored bookings are still right */
  show_access_problem (self, NULL);
}

static void
check_access (CalbookAdminWindow *self)
{
  CalbookAccount *account = calbook_context_get_account (self->context);

  calbook_api_client_list_memberships_async (calbook_context_get_api_client (self->context),
                                             calbook_account_get_organization_id (account),
                                             1, 0, self->cancellable,
                                             on_memberships_cb, g_object_ref (self));
}

static void
on_bookings_changed_cb (CalbookAdminWindow *self)
{
  read_members (self);
  read_pending_uids (self);
  if (self->list != NULL)
    calbook_booking_list_reload (self->list);
  update_count (self);
  show_selected_booking (self);
}

static void
on_outbox_count_changed_cb (CalbookAdminWindow *self)
{
  read_pending_uids (self);
  if (self->list != NULL)
    calbook_booking_list_reload (self->list);
}

static void
set_context (CalbookAdminWindow *self,
             CalbookContext     *context)
{
  g_autoptr(CalbookBookingFilter) filter = NULL;

  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  calbook_booking_details_set_store (self->details, calbook_context_get_store (context));

  read_members (self);
  read_pending_uids (self);

  filter = build_filter (self);
  self->list = calbook_context_create_booking_list (context, filter);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->list));

  g_signal_connect_object (context, "bookings-changed",
                           G_CALLBACK (on_bookings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::outbox-count",
                           G_CALLBACK (on_outbox_count_changed_cb), self, G_CONNECT_SWAPPED);

  restore_table_state (self);
  refilter (self);
  check_access (self);
}

/* Midnight of a day given by a month and day that may run over (day 0,
 * day 32, month 13): the calendar carries them */
static gint64
local_midnight (int year,
                int month,
                int day)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) months = NULL;
  g_autoptr(GDateTime) time = NULL;

  first = g_date_time_new_local (year, 1, 1, 0, 0, 0);
  months = g_date_time_add_months (first, month - 1);
  time = g_date_time_add_days (months, day - 1);

  return g_date_time_to_unix (time);
}

static gint64
day_start_of (GDateTime *date)
{
  return local_midnight (g_date_time_get_year (date), g_date_time_get_month (date),
                         g_date_time_get_day_of_month (date));
}

static void
set_range (CalbookAdminWindow *self,
           gint64              start,
           gint64              end)
{
  self->range_start = start;
  self->range_end = end;
  refilter (self);
}

/* Callbacks */

static void
on_filter_changed_cb (CalbookAdminWindow *self)
{
  refilter (self);
}

static void
on_member_search_changed_cb (CalbookAdminWindow *self,
                             GtkSearchEntry     *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  gtk_string_filter_set_search (self->member_name_filter, text);
  gtk_string_filter_set_search (self->member_email_filter, text);
}

static void
on_member_list_activate_cb (CalbookAdminWindow *self,
                            guint               position,
                            GtkListView        *list_view)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_autoptr(CalbookAdminMember) member = g_list_model_get_item (model, position);

  if (member == NULL)
    return;

  calbook_admin_member_set_selected (member, !calbook_admin_member_get_selected (member));
  refilter (self);
}

static void
on_from_day_selected_cb (CalbookAdminWindow *self,
                         GtkCalendar        *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  gint64 start = day_start_of (date);

  set_range (self, start, self->range_end > start ? self->range_end : G_MAXINT64);
}

static void
on_to_day_selected_cb (CalbookAdminWindow *self,
                       GtkCalendar        *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) next = g_date_time_add_days (date, 1);
  gint64 end = day_start_of (next);

  set_range (self, self->range_start < end ? self->range_start : G_MININT64, end);
}

static void
on_date_range_activated_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CalbookAdminWindow *self = CALBOOK_ADMIN_WINDOW (widget);
  const char *range = g_variant_get_string (parameter, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  int month = g_date_time_get_month (now);
  int day = g_date_time_get_day_of_month (now);
  int weekday = g_date_time_get_day_of_week (now);

  /* Days by the calendar, not by 24 hours: a zone change keeps midnight */
  if (g_str_equal (range, "today"))
    set_range (self, local_midnight (year, month, day), local_midnight (year, month, day + 1));
  else if (g_str_equal (range, "this-week"))
    set_range (self, local_midnight (year, month, day - weekday + 1),
               local_midnight (year, month, day - weekday + 8));
  else if (g_str_equal (range, "next-7-days"))
    set_range (self, local_midnight (year, month, day), local_midnight (year, month, day + 7));
  else if (g_str_equal (range, "this-month"))
    set_range (self, local_midnight (year, month, 1), local_midnight (year, month + 1, 1));
  else if (g_str_equal (range, "last-month"))
    set_range (self, local_midnight (year, month - 1, 1), local_midnight (year, month, 1));
  else
    set_range (self, G_MININT64, G_MAXINT64);

  gtk_popover_popdown (self->date_popover);
}

static void
on_clear_filters_activated_cb (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CalbookAdminWindow *self = CALBOOK_ADMIN_WINDOW (widget);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->members));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CalbookAdminMember) member = g_list_model_get_item (G_LIST_MODEL (self->members), i);

      calbook_admin_member_set_selected (member, FALSE);
    }

  /* Each of these would refilter: one refilter at the end is enough */
  g_signal_handlers_block_by_func (self->text_entry, on_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->status_dropdown, on_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->event_type_dropdown, on_filter_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), "");
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->event_type_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->text_entry, on_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->status_dropdown, on_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->event_type_dropdown, on_filter_changed_cb, self);

  set_range (self, G_MININT64, G_MAXINT64);
}

static void
on_selection_changed_cb (CalbookAdminWindow *self)
{
  show_selected_booking (self);
}

static gboolean
on_close_request_cb (CalbookAdminWindow *self)
{
  save_table_state (self);

  return FALSE;
}

/* GObject overrides */

static void
calbook_admin_window_dispose (GObject *object)
{
  CalbookAdminWindow *self = CALBOOK_ADMIN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_ADMIN_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->members);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_uids, g_hash_table_unref);
  g_clear_pointer (&self->event_type_ids, g_array_unref);

  G_OBJECT_CLASS (calbook_admin_window_parent_class)->dispose (object);
}

static void
calbook_admin_window_class_init (CalbookAdminWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_admin_window_dispose;

  g_type_ensure (CALBOOK_TYPE_ADMIN_CELL);
  g_type_ensure (CALBOOK_TYPE_ADMIN_MEMBER);
  g_type_ensure (CALBOOK_TYPE_BOOKING_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/admin/calbook-admin-window.ui");

  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, access_revealer);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, access_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, text_entry);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, member_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, member_list);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, member_search);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, date_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, date_popover);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, event_type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, event_type_strings);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, bulk_bar);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, bulk_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, details_stack);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, owner_name_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, owner_email_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, details);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, view_stack);
  gtk_widget_class_bind_template_child_full (widget_class, "date_sorter", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, sorters[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "time_sorter", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, sorters[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "length_sorter", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, sorters[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "client_sorter", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, sorters[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "member_sorter", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, sorters[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "event_type_sorter", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, sorters[5]));
  gtk_widget_class_bind_template_child_full (widget_class, "status_sorter", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, sorters[6]));
  gtk_widget_class_bind_template_child_full (widget_class, "location_sorter", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, sorters[7]));
  gtk_widget_class_bind_template_child_full (widget_class, "created_sorter", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, sorters[8]));
  gtk_widget_class_bind_template_child_full (widget_class, "date_column", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, columns[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "time_column", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, columns[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "length_column", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, columns[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "client_column", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, columns[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "member_column", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, columns[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "event_type_column", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, columns[5]));
  gtk_widget_class_bind_template_child_full (widget_class, "status_column", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, columns[6]));
  gtk_widget_class_bind_template_child_full (widget_class, "location_column", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, columns[7]));
  gtk_widget_class_bind_template_child_full (widget_class, "created_column", FALSE,
                                             G_STRUCT_OFFSET (CalbookAdminWindow, columns[8]));

  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_member_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_member_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_from_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_to_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "admin.date-range", "s", on_date_range_activated_cb);
  gtk_widget_class_install_action (widget_class, "admin.clear-filters", NULL,
                                   on_clear_filters_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
calbook_admin_window_init (CalbookAdminWindow *self)
{
  g_autoptr(GtkAnyFilter) member_filter = NULL;
  GtkFilterListModel *filtered_members;

  self->range_start = G_MININT64;
  self->range_end = G_MAXINT64;
  self->pending_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->members = g_list_store_new (CALBOOK_TYPE_ADMIN_MEMBER);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The table: every row of the store's query, several can be chosen */
  self->selection = gtk_multi_selection_new (NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (self->sorters); i++)
    {
      g_object_set_data (G_OBJECT (self->sorters[i]), "calbook-admin-window", self);
      g_object_set_data (G_OBJECT (self->sorters[i]), "calbook-admin-column", GINT_TO_POINTER (i));
      gtk_custom_sorter_set_sort_func (self->sorters[i], probe_sort_cb, self->sorters[i], NULL);
      g_signal_connect_object (self->columns[i], "notify::fixed-width",
                               G_CALLBACK (on_column_width_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_view_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  /* The member picker finds by name or e-mail */
  self->member_name_filter = gtk_string_filter_new (gtk_property_expression_new (CALBOOK_TYPE_ADMIN_MEMBER, NULL, "name"));
  self->member_email_filter = gtk_string_filter_new (gtk_property_expression_new (CALBOOK_TYPE_ADMIN_MEMBER, NULL, "email"));
  member_filter = g_object_ref_sink (GTK_ANY_FILTER (gtk_any_filter_new ()));
  gtk_multi_filter_append (GTK_MULTI_FILTER (member_filter), GTK_FILTER (self->member_name_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (member_filter), GTK_FILTER (self->member_email_filter));
  filtered_members = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->members)),
                                                GTK_FILTER (g_object_ref (member_filter)));
  gtk_list_view_set_model (self->member_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered_members))));

  gtk_string_list_append (self->event_type_strings, _("All Event Types"));

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  update_actions (self);
}

/* Public API */

/**
 * calbook_admin_window_is_allowed:
 *
 * Returns: whether the account may see the organization's bookings
 */
gboolean
calbook_admin_window_is_allowed (CalbookContext *context)
{
  return context != NULL && calbook_account_is_admin (calbook_context_get_account (context));
}

/**
 * calbook_admin_window_open:
 * @application: the application
 * @context: the signed-in account's context
 * @parent: (nullable): the window a member's explanation belongs to
 *
 * Presents the admin window (one per application), or tells a member
 * plainly why there is none for them.
 *
 * Returns: (transfer none) (nullable): the window, %NULL for a member
 */
CalbookAdminWindow *
calbook_admin_window_open (GtkApplication *application,
                           CalbookContext *context,
                           GtkWindow      *parent)
{
  CalbookAdminWindow *self = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CALBOOK_IS_CONTEXT (context), NULL);

  if (!calbook_admin_window_is_allowed (context))
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                           _("Only for Organization Admins"),
                                                           _("Your Cal.com role does not allow the admin window: "
                                                             "only admins and owners of an organization "
                                                             "see every member's bookings.")));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return NULL;
    }

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (CALBOOK_IS_ADMIN_WINDOW (l->data) && CALBOOK_ADMIN_WINDOW (l->data)->context == context)
      self = l->data;

  if (self == NULL)
    {
      self = g_object_new (CALBOOK_TYPE_ADMIN_WINDOW, "application", application, NULL);
      set_context (self, context);
    }

  gtk_window_present (GTK_WINDOW (self));

  return self;
}

/* Closes every admin window (the account signed out or changed) */
void
calbook_admin_window_close_all (GtkApplication *application)
{
  GList *windows;

  g_return_if_fail (GTK_IS_APPLICATION (application));

  windows = g_list_copy (gtk_application_get_windows (application));
  for (GList *l = windows; l != NULL; l = l->next)
    if (CALBOOK_IS_ADMIN_WINDOW (l->data))
      gtk_window_destroy (l->data);
  g_list_free (windows);
}

gboolean
calbook_admin_window_has_pending_change (CalbookAdminWindow *self,
                                         const char         *uid)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_WINDOW (self), FALSE);

  return uid != NULL && g_hash_table_contains (self->pending_uids, uid);
}

GtkColumnView *
_calbook_admin_window_get_column_view (CalbookAdminWindow *self)
{
  return self->column_view;
}

GListModel *
_calbook_admin_window_get_model (CalbookAdminWindow *self)
{
  return G_LIST_MODEL (self->selection);
}

GtkWidget *
_calbook_admin_window_get_child (CalbookAdminWindow *self,
                                 const char         *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), CALBOOK_TYPE_ADMIN_WINDOW, name));
}

GListModel *
_calbook_admin_window_get_members (CalbookAdminWindow *self)
{
  return G_LIST_MODEL (self->members);
}
