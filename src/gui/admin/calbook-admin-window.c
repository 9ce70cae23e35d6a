/* calbook-admin-window.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-admin-bulk.h"
#include "calbook-admin-calendar.h"
#include "calbook-admin-cell.h"
#include "calbook-admin-chart.h"
#include "calbook-admin-event-titles.h"
#include "calbook-admin-member.h"
#include "calbook-admin-window.h"
#include "calbook-admin-window-private.h"
#include "calbook-bidi.h"
#include "calbook-booking-actions.h"
#include "calbook-booking-column.h"
#include "calbook-booking-details.h"
#include "calbook-booking-text.h"
#include "calbook-details-flap.h"
#include "calbook-error.h"
#include "calbook-event-type.h"
#include "calbook-export.h"
#include "calbook-format.h"
#include "calbook-insights.h"
#include "calbook-popover-tooltip.h"
#include "calbook-toast-timer.h"

/*
 * Every booking of the organization, for its admins and owners. The table
 * reads the store through a CalbookBookingList (a window of rows at a time,
 * however many there are) and every filter and sort is a store query. The
 * filters are read from their widgets in one place, build_filter(), and the
 * admin.* actions are enabled from state in one place, update_actions().
 */

#define STATE_KEY_TABLE "ui.admin.table"
/* As long as libadwaita's own toasts stay */
#define TOAST_SECONDS 5

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
  /* The event types the bookings have (for the drop-down) */
  CalbookInsights     *event_types;
  /* The titles of the members' event types, kept for the account */
  CalbookAdminEventTitles *event_type_titles;
  /* Every member's user id, in the order their colours go */
  GArray              *color_order;
  GCancellable        *cancellable;
  GCancellable        *insights_cancellable;
  GCancellable        *event_types_cancellable;
  GCancellable        *export_cancellable;
  CalbookExport       *export;
  CalbookAdminBulk    *bulk;
  GFile               *export_file;
  CalbookDetailsFlap  *details_rules;

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
  AdwFlap             *details_flap;
  GtkStack            *table_stack;
  AdwStatusPage       *empty_page;
  GtkButton           *empty_button;
  CalbookBookingDetails *details;
  AdwViewStack        *view_stack;
  CalbookAdminCalendar *calendar;
  GtkLabel            *calendar_title;
  GtkToggleButton     *week_button;
  GtkToggleButton     *day_button;
  GtkRevealer         *export_revealer;
  GtkRevealer         *bulk_revealer;
  GtkLabel            *bulk_progress_label;
  GtkProgressBar      *bulk_progress;
  GtkProgressBar      *export_progress;
  CalbookAdminChart   *weeks_chart;
  CalbookAdminChart   *rates_chart;
  CalbookAdminChart   *hours_chart;
  CalbookAdminChart   *leads_chart;
  GtkLabel            *weeks_caption;
  GtkLabel            *rates_caption;
  GtkLabel            *hours_caption;
  GtkLabel            *leads_caption;
  GtkLabel            *waiting_label;
  GtkCustomSorter     *sorters[CALBOOK_ADMIN_COLUMN_CREATED + 1];
  GtkColumnViewColumn *columns[CALBOOK_ADMIN_COLUMN_CREATED + 1];
};

G_DEFINE_FINAL_TYPE (CalbookAdminWindow, calbook_admin_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PENDING_CHANGED,
  EVENT_TYPES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The store's sort column for each table column */
static const CalbookBookingColumn sort_columns[] = {
  [CALBOOK_ADMIN_COLUMN_DATE] = CALBOOK_BOOKING_COLUMN_START,
  [CALBOOK_ADMIN_COLUMN_TIME] = CALBOOK_BOOKING_COLUMN_START,
  [CALBOOK_ADMIN_COLUMN_LENGTH] = CALBOOK_BOOKING_COLUMN_LENGTH,
  [CALBOOK_ADMIN_COLUMN_CLIENT] = CALBOOK_BOOKING_COLUMN_CLIENT,
  [CALBOOK_ADMIN_COLUMN_MEMBER] = CALBOOK_BOOKING_COLUMN_HOST,
  [CALBOOK_ADMIN_COLUMN_EVENT_TYPE] = CALBOOK_BOOKING_COLUMN_EVENT_TYPE,
  [CALBOOK_ADMIN_COLUMN_STATUS] = CALBOOK_BOOKING_COLUMN_STATUS,
  [CALBOOK_ADMIN_COLUMN_LOCATION] = CALBOOK_BOOKING_COLUMN_LOCATION,
  [CALBOOK_ADMIN_COLUMN_CREATED] = CALBOOK_BOOKING_COLUMN_CREATED,
};

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

static void on_filter_changed_cb (CalbookAdminWindow *self);
static gint64 today_start (void);
static gboolean is_member_filtered (CalbookAdminWindow  *self,
                                    guint               *out_n,
                                    CalbookAdminMember **out_first);

/* A toast with plain @text (toast titles are markup; the text may carry
 * Cal.com's or the system's words) */
static void
show_message (CalbookAdminWindow *self,
              const char         *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  calbook_toast_timer_add_toast (self->toast_overlay, adw_toast_new (escaped), TOAST_SECONDS);
}

/* Auxiliary methods */

/* Cal.com refused the organization's bookings (no Admin API): the account
 * works like a member, and the window shows what a member sees */
static void
restrict_to_access (CalbookAdminWindow   *self,
                    CalbookBookingFilter *filter)
{
  CalbookAccount *account;

  if (self->context == NULL || calbook_admin_window_is_allowed (self->context))
    return;

  account = calbook_context_get_account (self->context);
  filter->user_id = calbook_account_get_user_id (account);
  calbook_booking_filter_set_user_email (filter, calbook_account_get_email (account));
}

static void
update_actions (CalbookAdminWindow *self)
{
  GtkBitset *selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint n_selected = gtk_bitset_get_size (selected);
  gboolean has_rows = self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.export", has_rows && self->export == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.stop-export", self->export != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.bulk-confirm", n_selected > 0 && self->bulk == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.bulk-decline", n_selected > 0 && self->bulk == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.bulk-cancel", n_selected > 0 && self->bulk == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.close-details", n_selected > 0);

  gtk_bitset_unref (selected);
}

/* The filters the window opens with and Clear Filters returns to */
static gboolean
are_filters_clear (CalbookAdminWindow *self)
{
  guint n;
  CalbookAdminMember *first;

  return gtk_editable_get_text (GTK_EDITABLE (self->text_entry))[0] == '\0' &&
         gtk_drop_down_get_selected (self->status_dropdown) == 0 &&
         gtk_drop_down_get_selected (self->event_type_dropdown) == 0 &&
         !is_member_filtered (self, &n, &first) &&
         self->range_start == today_start () && self->range_end == G_MAXINT64;
}

/* Whether the account has any booking the window may show, whatever the filters */
static gboolean
has_any_booking (CalbookAdminWindow *self)
{
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GError) error = NULL;

  restrict_to_access (self, filter);
  first = calbook_store_query_summaries (calbook_context_get_store (self->context), filter, 0, 1, &error);
  if (first == NULL)
    g_warning ("Could not read the bookings: %s", error->message);

  /* (unknown: as if there were, the filters are then what to look at) */
  return first == NULL || first->len > 0;
}

/* No rows: a page that says why, and the way out */
static void
update_empty_state (CalbookAdminWindow *self)
{
  gboolean empty = self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0 &&
                   calbook_booking_list_get_count_exact (self->list);
  const char *title;
  const char *description;
  const char *button = _("_Clear Filters");
  /* GTK 4.8 reads a mnemonic label out with its underscore */
  const char *button_name = _("Clear filters");
  const char *action = "admin.clear-filters";
  GVariant *target = NULL;

  gtk_stack_set_visible_child_name (self->table_stack, empty ? "empty" : "rows");
  if (!empty)
    return;

  if (!has_any_booking (self))
    {
      title = _("No Bookings Yet");
      description = _("The organization's bookings show here once clients book.");
      button = NULL;
    }
  else if (are_filters_clear (self))
    {
      title = _("No Upcoming Bookings");
      description = _("Nothing is booked from today on.");
      button = _("Show _Past Bookings");
      button_name = _("Show past bookings");
      action = "admin.date-range";
      target = g_variant_new_string ("any");
    }
  else if (gtk_editable_get_text (GTK_EDITABLE (self->text_entry))[0] != '\0')
    {
      title = _("No Results Found");
      description = _("No booking matches the search. Try other words, or clear the filters.");
    }
  else
    {
      title = _("No Matching Bookings");
      description = _("No booking matches the filters.");
    }

  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  adw_status_page_set_icon_name (self->empty_page, button == NULL ? "x-office-calendar-symbolic"
                                                                  : "edit-find-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->empty_button), button != NULL);
  if (button != NULL)
    {
      gtk_button_set_label (self->empty_button, button);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->empty_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->empty_button), action);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->empty_button), target);
    }
}

static void
update_count (CalbookAdminWindow *self)
{
  g_autofree char *text = NULL;
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  /* A count that costs more than a frame is made off the main thread:
   * meanwhile, the most there may be */
  if (self->list != NULL && !calbook_booking_list_get_count_exact (self->list))
    text = calbook_format_booking_count (calbook_booking_list_get_count_estimate (self->list), TRUE);
  else
    text = calbook_format_booking_count (n, FALSE);
  gtk_label_set_text (self->count_label, text);

  update_empty_state (self);

  /* The store searches the first words of a long text only: say so */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label),
                               self->list != NULL &&
                               calbook_booking_filter_get_text_cut (calbook_booking_list_get_filter (self->list))
                               ? _("Only the first words of the search are used")
                               : NULL);
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

/* The chosen members' bookings as Cal.com's userIds counts them: those
 * they organize or host, and those they are on with their e-mail (a
 * colleague's case review they attend) */
static void
set_member_ids (CalbookAdminWindow   *self,
                CalbookBookingFilter *filter)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) emails = g_ptr_array_new ();

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CalbookAdminMember) member = g_list_model_get_item (G_LIST_MODEL (self->members), i);

      if (calbook_admin_member_get_selected (member))
        {
          gint64 id = calbook_admin_member_get_user_id (member);
          const char *email = calbook_admin_member_get_email (member);

          g_array_append_val (ids, id);
          if (email != NULL && *email != '\0')
            g_ptr_array_add (emails, (gpointer) email);
        }
    }

  if (ids->len == 0)
    return;

  g_ptr_array_add (emails, NULL);
  calbook_booking_filter_set_user_ids (filter, (const gint64 *) ids->data, ids->len);
  calbook_booking_filter_set_user_emails (filter, (const char * const *) emails->pdata);
}

/* Every column sorts in SQL, on the store's indexed columns */
static void
apply_sort (CalbookAdminWindow   *self,
            CalbookBookingFilter *filter)
{
  if (!self->sorted)
    return;

  filter->sort_column = sort_columns[self->sort_column];
  filter->sort_descending = self->sort_descending;
}

static CalbookBookingFilter *
build_filter (CalbookAdminWindow *self)
{
  CalbookBookingFilter *filter = calbook_booking_filter_new ();
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint event_type = gtk_drop_down_get_selected (self->event_type_dropdown);

  calbook_booking_filter_set_text (filter, gtk_editable_get_text (GTK_EDITABLE (self->text_entry)));

  if (status < G_N_ELEMENTS (status_masks))
    filter->status_mask = status_masks[status];

  set_member_ids (self, filter);
  if (event_type > 0 && event_type <= self->event_type_ids->len)
    calbook_booking_filter_set_event_type_ids (filter,
                                               &g_array_index (self->event_type_ids, gint64, event_type - 1), 1);
  filter->range_start = self->range_start;
  filter->range_end = self->range_end;
  apply_sort (self, filter);

  restrict_to_access (self, filter);

  return filter;
}

/* The date filter is the one the window opens with: the table's upcoming
 * bookings. The calendar shows its days whole then, past hours included
 * (as the main window shows a period). */
static gboolean
is_default_range (CalbookAdminWindow *self)
{
  return self->range_end == G_MAXINT64 && self->range_start == today_start ();
}

/* What the calendar shows */
static CalbookBookingFilter *
build_page_filter (CalbookAdminWindow *self)
{
  CalbookBookingFilter *filter = build_filter (self);

  if (is_default_range (self))
    filter->range_start = G_MININT64;

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

/* The days the date filter lets through, e.g. "From 3 Dec 2026";
 * %NULL for any date */
static char *
dup_range_text (CalbookAdminWindow *self)
{
  g_autofree char *label = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (self->range_start != G_MININT64)
    from = format_day (self->range_start);
  if (self->range_end != G_MAXINT64)
    to = format_day (self->range_end - 1);

  if (from == NULL && to == NULL)
    return NULL;
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

  return g_steal_pointer (&label);
}

static void
update_date_button (CalbookAdminWindow *self)
{
  g_autofree char *label = dup_range_text (self);

  if (label == NULL)
    gtk_menu_button_set_label (self->date_button, _("Any Date"));
  else if (is_default_range (self))
    gtk_menu_button_set_label (self->date_button, _("Upcoming"));
  else
    gtk_menu_button_set_label (self->date_button, label);
}

/* (transfer full) (nullable): the whole booking of a row */
static CalbookBooking *
dup_booking_at (CalbookAdminWindow *self,
                guint               position)
{
  g_autoptr(CalbookBookingSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(GError) error = NULL;
  CalbookBooking *booking;

  if (summary == NULL || self->context == NULL)
    return NULL;

  booking = calbook_store_get_booking (calbook_context_get_store (self->context),
                                       calbook_booking_summary_get_uid (summary), &error);
  if (booking == NULL && error != NULL)
    g_warning ("Could not read the booking: %s", error->message);

  return booking;
}

/* @requested: the row was activated (opens the details in a narrow window) */
static void
show_selected_booking_full (CalbookAdminWindow *self,
                            gboolean            requested)
{
  GtkBitset *selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(CalbookBooking) booking = NULL;
  g_autofree char *bulk_text = NULL;
  guint n_selected = gtk_bitset_get_size (selected);

  /* The rows are light: the whole booking is read for the one selected */
  if (n_selected == 1)
    booking = dup_booking_at (self, gtk_bitset_get_nth (selected, 0));
  gtk_bitset_unref (selected);

  gtk_action_bar_set_revealed (self->bulk_bar, n_selected > 1);
  bulk_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u booking selected",
                                            "%'u bookings selected", n_selected), n_selected);
  gtk_label_set_text (self->bulk_label, bulk_text);

  calbook_booking_actions_update (GTK_WIDGET (self), booking);
  calbook_details_flap_update (self->details_rules, booking != NULL, requested);

  /* The owning member is named once, among the details' hosts (with their
   * e-mail); the admin's own bookings leave the admin out, as the main
   * window does */
  calbook_booking_details_set_booking (self->details, booking);
  update_actions (self);
}

static void
show_selected_booking (CalbookAdminWindow *self)
{
  show_selected_booking_full (self, FALSE);
}

/* For booking.*: the one booking selected, if just one is */
static CalbookBooking *
lookup_selected_booking (GtkWidget *widget)
{
  CalbookAdminWindow *self = CALBOOK_ADMIN_WINDOW (widget);

  return calbook_booking_details_get_booking (self->details);
}

static void
show_insights (CalbookAdminWindow *self,
               CalbookInsights    *insights)
{
  CalbookAdminChart *charts[] = { self->weeks_chart, self->rates_chart, self->hours_chart, self->leads_chart };
  GtkLabel *captions[] = { self->weeks_caption, self->rates_caption, self->hours_caption, self->leads_caption };
  GPtrArray *waiting = calbook_insights_get_waiting (insights);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *range = dup_range_text (self);

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autofree char *summary = NULL;
      g_autofree char *caption = NULL;

      calbook_admin_chart_set_color_order (charts[i], self->color_order);
      calbook_admin_chart_set_insights (charts[i], insights);
      summary = calbook_admin_chart_dup_summary (charts[i]);
      /* Which days the numbers are of; nothing drawn is said in words only */
      /* Translators: a chart's summary after the days it covers, e.g. "From 3 Dec 2026: 536 bookings over 5 weeks." */
      caption = g_strdup_printf (_("%s: %s"), range != NULL ? range : _("All dates"), summary);
      gtk_label_set_text (captions[i], caption);
      gtk_widget_set_visible (GTK_WIDGET (charts[i]), !calbook_admin_chart_is_empty (charts[i]));
    }

  for (guint i = 0; i < waiting->len; i++)
    {
      CalbookInsightsWaiting *request = g_ptr_array_index (waiting, i);
      g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (request->created_at);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      int days = (int) (g_date_time_difference (now, created) / G_TIME_SPAN_DAY);
      g_autofree char *start = calbook_admin_cell_format_time (request->start);
      g_autofree char *title = calbook_admin_cell_dup_inline (request->title);
      g_autofree char *member = calbook_admin_cell_dup_inline (request->member);

      /* Translators: one waiting request, e.g. "Intro call — Ann Lee, 3 days waiting, for Tue 2026-12-08 10:00" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s — %s, %d day waiting, for %s\n",
                                                 "%s — %s, %d days waiting, for %s\n", days),
                              title, member, days, start);
    }
  if (waiting->len == 0)
    g_string_append (text, _("No unconfirmed requests are waiting."));

  gtk_label_set_text (self->waiting_label, g_strchomp (text->str));
}

static void
on_insights_computed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CalbookAdminWindow) self = user_data;
  g_autoptr(CalbookInsights) insights = NULL;
  g_autoptr(GError) error = NULL;

  insights = calbook_insights_compute_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (insights == NULL)
    {
      show_message (self, error->message);
      return;
    }

  show_insights (self, insights);
}

/* Only while the page is shown: counting costs a pass over the store */
static void
update_insights (CalbookAdminWindow *self)
{
  g_autoptr(CalbookBookingFilter) filter = NULL;
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->context == NULL || g_strcmp0 (page, "insights") != 0)
    return;

  g_cancellable_cancel (self->insights_cancellable);
  g_clear_object (&self->insights_cancellable);
  self->insights_cancellable = g_cancellable_new ();

  filter = build_filter (self);
  calbook_insights_compute_async (calbook_store_get_path (calbook_context_get_store (self->context)),
                                  filter, NULL, self->insights_cancellable,
                                  on_insights_computed_cb, g_object_ref (self));
}

/* Only while the page is shown: the bookings in view, by the same filters */
static void
update_calendar (CalbookAdminWindow *self)
{
  g_autoptr(CalbookBookingFilter) filter = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  guint n_members = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  CalbookAdminMember *first = NULL;
  gboolean only_chosen;
  gint64 start, end;
  guint n_chosen;

  if (self->context == NULL ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "calendar") != 0)
    return;

  calbook_admin_calendar_get_range (self->calendar, &start, &end);
  filter = build_page_filter (self);
  filter->range_start = MAX (filter->range_start, start);
  filter->range_end = MIN (filter->range_end, end);
  filter->sort_column = CALBOOK_BOOKING_COLUMN_START;
  filter->sort_descending = FALSE;

  /* Light rows, as the table's: the calendar draws and names, nothing more */
  if (filter->range_start < filter->range_end)
    bookings = calbook_store_query_summaries (calbook_context_get_store (self->context), filter, 0, 0, &error);
  else
    bookings = g_ptr_array_new_with_free_func (g_object_unref);

  if (bookings == NULL)
    {
      show_message (self, error->message);
      return;
    }

  /* One colour (and in the day, one column) per member; only the chosen
   * ones when the filter chooses */
  only_chosen = is_member_filtered (self, &n_chosen, &first);
  for (guint i = 0; i < n_members; i++)
    {
      g_autoptr(CalbookAdminMember) member = g_list_model_get_item (G_LIST_MODEL (self->members), i);
      gint64 id = calbook_admin_member_get_user_id (member);

      if (only_chosen && !calbook_admin_member_get_selected (member))
        continue;
      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup (calbook_admin_member_get_name (member)));
      g_ptr_array_add (emails, g_strdup (calbook_admin_member_get_email (member)));
    }

  calbook_admin_calendar_set_bookings (self->calendar, bookings, ids, names, emails, self->color_order);

  last = g_date_time_add_seconds (calbook_admin_calendar_get_day (self->calendar), end - start - 1);
  /* Translators: a day in the calendar's title, e.g. "Mon 7 Dec 2026"; see strftime(3) */
  first_text = g_date_time_format (calbook_admin_calendar_get_day (self->calendar), _("%a %-d %b %Y"));
  last_text = g_date_time_format (last, _("%a %-d %b %Y"));
  if (calbook_admin_calendar_get_mode (self->calendar) == CALBOOK_ADMIN_CALENDAR_DAY)
    gtk_label_set_text (self->calendar_title, first_text);
  else
    {
      g_autofree char *title = g_strdup_printf (_("%s – %s"), first_text, last_text);

      gtk_label_set_text (self->calendar_title, title);
    }
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
  update_insights (self);
  update_calendar (self);
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

  g_signal_emit (self, signals[PENDING_CHANGED], 0);
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
  g_array_set_size (self->color_order, 0);
  for (guint i = 0; i < people->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (people, i);

      g_array_append_val (self->color_order, person->user_id);
      g_autoptr(CalbookAdminMember) member = calbook_admin_member_new (person);

      calbook_admin_member_set_selected (member, g_hash_table_contains (chosen, &person->user_id));
      g_list_store_append (self->members, member);
    }
}

/* An event type as the drop-down and the table name it: its title, else its slug */
static const char *
get_event_type_label (CalbookAdminWindow *self,
                      gint64              id,
                      const char         *slug)
{
  const char *title = calbook_admin_window_lookup_event_type_title (self, id);

  return title != NULL ? title : slug;
}

/* The event types the organization's bookings have, for the drop-down; the
 * chosen one stays chosen */
static void
fill_event_type_dropdown (CalbookAdminWindow *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *event_types;
  guint selected = gtk_drop_down_get_selected (self->event_type_dropdown);
  gint64 selected_id = 0;
  guint new_selected = 0;

  if (self->event_types == NULL)
    return;

  if (selected > 0 && selected <= self->event_type_ids->len)
    selected_id = g_array_index (self->event_type_ids, gint64, selected - 1);

  event_types = calbook_insights_get_event_types (self->event_types);
  g_array_set_size (self->event_type_ids, 0);
  g_ptr_array_add (labels, g_strdup (_("All Event Types")));
  for (guint i = 0; i < event_types->len; i++)
    {
      CalbookInsightsEventType *event_type = g_ptr_array_index (event_types, i);
      g_autofree char *label = calbook_admin_cell_dup_inline (get_event_type_label (self, event_type->id,
                                                                                    event_type->slug));
      g_autofree char *owner = calbook_admin_cell_dup_inline (event_type->owner);

      g_array_append_val (self->event_type_ids, event_type->id);
      /* Translators: an event type and whose it is, e.g. "Intro Call · Ann Lee" */
      g_ptr_array_add (labels, g_strdup_printf (_("%s · %s"), label, owner));
      if (event_type->id == selected_id)
        new_selected = i + 1;
    }
  g_ptr_array_add (labels, NULL);

  g_signal_handlers_block_by_func (self->event_type_dropdown, on_filter_changed_cb, self);
  gtk_string_list_splice (self->event_type_strings, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->event_type_strings)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->event_type_dropdown, new_selected);
  g_signal_handlers_unblock_by_func (self->event_type_dropdown, on_filter_changed_cb, self);

  /* The chosen event type is gone from the store */
  if (selected_id != 0 && new_selected == 0)
    refilter (self);
}

static void
on_event_types_computed_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(CalbookAdminWindow) self = user_data;
  g_autoptr(CalbookInsights) insights = NULL;
  g_autoptr(GError) error = NULL;

  insights = calbook_insights_compute_finish (result, &error);
  if (insights == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the event types: %s", error->message);
      return;
    }

  g_set_object (&self->event_types, insights);
  fill_event_type_dropdown (self);
}

/* Titles arrived: the table and the drop-down name event types by them */
static void
on_event_type_titles_changed_cb (CalbookAdminWindow *self)
{
  g_signal_emit (self, signals[EVENT_TYPES_CHANGED], 0);
  fill_event_type_dropdown (self);
}

/* The titles of every member's event types; Cal.com is asked only for
 * those not known or old (they are kept for the account) */
static void
read_event_type_titles (CalbookAdminWindow *self)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;

  people = calbook_store_list_members (calbook_context_get_store (self->context), &error);
  if (people == NULL)
    return;

  calbook_admin_event_titles_refresh (self->event_type_titles, people);
}

/* Each synced page changes the store: only the latest read counts */
static void
read_event_types (CalbookAdminWindow *self)
{
  g_cancellable_cancel (self->event_types_cancellable);
  g_clear_object (&self->event_types_cancellable);
  self->event_types_cancellable = g_cancellable_new ();

  calbook_insights_list_event_types_async (calbook_store_get_path (calbook_context_get_store (self->context)),
                                           self->event_types_cancellable,
                                           on_event_types_computed_cb, g_object_ref (self));
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
      g_autofree char *why = calbook_bidi_isolate (error->message);

      /* Translators: %s is why Cal.com refused, e.g. "This organization has no Admin API access" */
      text = g_strdup_printf (_("Cal.com refused the organization's bookings: %s. "
                                "Only your own bookings are shown."), why);
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
  update_calendar (self);
  update_insights (self);
  read_members (self);
  read_event_types (self);
  read_event_type_titles (self);
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
}

/* The organization's bookings were refused (or allowed again): the filters
 * change what they let through, and the banner says why */
static void
on_admin_changed_cb (CalbookAdminWindow *self)
{
  /* Cal.com's own words, when the window asked, stay */
  if (calbook_admin_window_is_allowed (self->context))
    show_access_problem (self, NULL);
  else if (!gtk_revealer_get_reveal_child (self->access_revealer))
    show_access_problem (self, _("Cal.com refused the organization's bookings: "
                                 "only your own bookings are shown."));

  refilter (self);
}

static void
set_context (CalbookAdminWindow *self,
             CalbookContext     *context)
{
  g_autoptr(CalbookBookingFilter) filter = NULL;

  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  self->event_type_titles = g_object_ref (calbook_admin_event_titles_get_for_context (context));
  g_signal_connect_object (self->event_type_titles, "changed",
                           G_CALLBACK (on_event_type_titles_changed_cb), self, G_CONNECT_SWAPPED);
  calbook_booking_details_set_store (self->details, calbook_context_get_store (context));

  read_members (self);
  read_pending_uids (self);

  filter = build_filter (self);
  /* Light rows: what the table shows, read without parsing any JSON */
  self->list = calbook_booking_list_new_summaries (calbook_context_get_store (context), filter);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->list));
  g_signal_connect_object (self->list, "notify::count-exact",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::count-estimate",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::n-items",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (context, "bookings-changed",
                           G_CALLBACK (on_bookings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::outbox-count",
                           G_CALLBACK (on_outbox_count_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (calbook_context_get_account (context), "notify::is-admin",
                           G_CALLBACK (on_admin_changed_cb), self, G_CONNECT_SWAPPED);

  restore_table_state (self);
  refilter (self);
  read_event_types (self);
  read_event_type_titles (self);
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

static gint64
today_start (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return day_start_of (now);
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

static void
on_export_progress_cb (CalbookAdminWindow *self,
                       GParamSpec         *pspec,
                       CalbookExport      *export)
{
  gtk_progress_bar_set_fraction (self->export_progress, calbook_export_get_progress (export));
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CalbookAdminWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;
  gssize written;

  written = calbook_export_run_finish (CALBOOK_EXPORT (source), result, &error);

  g_clear_object (&self->export);
  g_clear_object (&self->export_cancellable);
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  update_actions (self);

  if (written < 0)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        text = g_strdup (_("Export stopped; nothing was written"));
      else
        /* Translators: %s is why, e.g. "Permission denied" */
        text = g_strdup_printf (_("Could not export: %s"), error->message);
      show_message (self, text);
      return;
    }

  uri = g_file_get_uri (self->export_file);
  toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE, "Exported %'ld booking",
                                             "Exported %'ld bookings", written), (long) written);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "admin.open-export");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  calbook_toast_timer_add_toast (self->toast_overlay, toast, TOAST_SECONDS);
}

static void
start_export (CalbookAdminWindow  *self,
              GFile               *file,
              CalbookExportFormat  format)
{
  g_autoptr(CalbookBookingFilter) filter = build_filter (self);

  g_set_object (&self->export_file, file);
  self->export = calbook_export_new (calbook_store_get_path (calbook_context_get_store (self->context)),
                                     filter, format, NULL);
  self->export_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->export, "notify::progress",
                           G_CALLBACK (on_export_progress_cb), self, G_CONNECT_SWAPPED);

  gtk_progress_bar_set_fraction (self->export_progress, 0.0);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  calbook_export_run_async (self->export, file, self->export_cancellable,
                            on_export_done_cb, g_object_ref (self));
  update_actions (self);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               gpointer         user_data)
{
  CalbookAdminWindow *self = user_data;
  g_autoptr(GFile) file = NULL;
  CalbookExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && self->context != NULL && self->export == NULL)
    start_export (self, file, format);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_export_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CalbookAdminWindow *self = CALBOOK_ADMIN_WINDOW (widget);
  gboolean csv = g_str_equal (g_variant_get_string (parameter, NULL), "csv");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  /* GtkFileDialog needs GTK 4.10; the native chooser uses the portal too */
  chooser = gtk_file_chooser_native_new (csv ? _("Export as CSV") : _("Export as iCalendar"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, csv ? _("CSV files") : _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, csv ? "text/csv" : "text/calendar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     csv ? _("bookings.csv") : _("bookings.ics"));
  g_object_set_data (G_OBJECT (chooser), "format",
                     GINT_TO_POINTER (csv ? CALBOOK_EXPORT_FORMAT_CSV : CALBOOK_EXPORT_FORMAT_ICALENDAR));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_stop_export_activated_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CalbookAdminWindow *self = CALBOOK_ADMIN_WINDOW (widget);

  g_cancellable_cancel (self->export_cancellable);
}

static void
on_open_export_activated_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL), NULL, NULL, NULL, NULL);
}

static GPtrArray *
dup_selected_bookings (CalbookAdminWindow *self)
{
  GtkBitset *selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *bookings = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      CalbookBooking *booking = dup_booking_at (self, position);

      if (booking != NULL)
        g_ptr_array_add (bookings, booking);
    }

  gtk_bitset_unref (selected);
  return bookings;
}

static void
on_bulk_progress_cb (CalbookAdminWindow *self,
                     CalbookAdminBulk   *bulk)
{
  guint total = calbook_admin_bulk_get_n_total (bulk);
  guint done = calbook_admin_bulk_get_n_done (bulk);
  g_autofree char *text = NULL;

  /* Translators: progress of a change to many bookings, e.g. "3 of 12 done" */
  text = g_strdup_printf (_("%u of %u done"), done, total);
  gtk_label_set_text (self->bulk_progress_label, text);
  gtk_progress_bar_set_fraction (self->bulk_progress, total > 0 ? (double) done / total : 1.0);
}

static void
on_bulk_finished_cb (CalbookAdminWindow *self,
                     CalbookAdminBulk   *bulk)
{
  /* Kept alive to the end of its own signal */
  g_autoptr(CalbookAdminBulk) keep = g_object_ref (bulk);
  g_autofree char *summary = calbook_admin_bulk_dup_summary (bulk);
  gboolean some_failed = calbook_admin_bulk_get_n_failed (bulk) > 0;
  AdwMessageDialog *dialog;

  gtk_revealer_set_reveal_child (self->bulk_revealer, FALSE);
  g_signal_handlers_disconnect_by_data (bulk, self);
  g_clear_object (&self->bulk);
  update_actions (self);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       some_failed ? _("Some Bookings Were Not Changed")
                                                                   : _("All Bookings Changed"),
                                                       summary));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "bulk-summary");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_bulk (CalbookAdminWindow  *self,
            CalbookMutationKind  kind,
            const char          *reason)
{
  g_autoptr(GPtrArray) bookings = dup_selected_bookings (self);

  self->bulk = calbook_admin_bulk_new (self->context, kind, reason);
  g_signal_connect_object (self->bulk, "progress", G_CALLBACK (on_bulk_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bulk, "finished", G_CALLBACK (on_bulk_finished_cb), self, G_CONNECT_SWAPPED);
  gtk_revealer_set_reveal_child (self->bulk_revealer, TRUE);
  update_actions (self);

  /* A batch already finished (nothing to send) reports at once */
  g_object_ref (self);
  calbook_admin_bulk_start (self->bulk, bookings);
  g_object_unref (self);
}

static void
on_bulk_reason_changed_cb (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  gboolean required = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "reason-required"));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "apply", !required || reason[0] != '\0');
}

static void
on_bulk_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            gpointer          user_data)
{
  /* The dialog goes with its window, and never answers for a closed one */
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  CalbookAdminWindow *self = CALBOOK_IS_ADMIN_WINDOW (parent) ? CALBOOK_ADMIN_WINDOW (parent) : NULL;
  CalbookMutationKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kind"));
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *reason = NULL;

  if (!g_str_equal (response, "apply") || self == NULL || self->bulk != NULL || self->context == NULL)
    return;

  if (entry != NULL)
    reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  start_bulk (self, kind, reason != NULL && reason[0] != '\0' ? reason : NULL);
}

static void
on_bulk_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CalbookAdminWindow *self = CALBOOK_ADMIN_WINDOW (widget);
  g_autoptr(GPtrArray) bookings = dup_selected_bookings (self);
  CalbookMutationKind kind;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *count = NULL;
  g_autofree char *body = NULL;
  const char *apply_label;
  guint n_members = 0;
  guint n;

  if (g_str_equal (action_name, "admin.bulk-confirm"))
    kind = CALBOOK_MUTATION_CONFIRM;
  else if (g_str_equal (action_name, "admin.bulk-decline"))
    kind = CALBOOK_MUTATION_DECLINE;
  else
    kind = CALBOOK_MUTATION_CANCEL;

  n = calbook_admin_bulk_count_eligible (kind, bookings, &n_members);

  /* Translators: how many of whose, e.g. "5 bookings of 3 members" */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u booking of %u members", "%u bookings of %u members", n),
                           n, n_members);
  switch (kind)
    {
    case CALBOOK_MUTATION_CONFIRM:
      heading = g_strdup (_("Confirm the Selected Bookings?"));
      /* Translators: %s is e.g. "5 bookings of 3 members" */
      body = g_strdup_printf (_("%s will be confirmed. Cal.com e-mails the people involved."), count);
      apply_label = _("_Confirm");
      break;
    case CALBOOK_MUTATION_DECLINE:
      heading = g_strdup (_("Decline the Selected Bookings?"));
      body = g_strdup_printf (_("%s will be declined. Cal.com e-mails the people involved."), count);
      apply_label = _("_Decline");
      break;
    case CALBOOK_MUTATION_CANCEL:
    default:
      heading = g_strdup (_("Cancel the Selected Bookings?"));
      body = g_strdup_printf (_("%s will be cancelled, with the one reason below. Cal.com e-mails the people involved."), count);
      apply_label = _("C_ancel Bookings");
      break;
    }

  if (n < bookings->len)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "\n%u other selected booking can't be changed this way and is left as it is.",
                                                            "\n%u other selected bookings can't be changed this way and are left as they are.",
                                                            bookings->len - n),
                                               bookings->len - n);
      char *joined = g_strconcat (body, more, NULL);

      g_free (body);
      body = joined;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Keep Them"));
  adw_message_dialog_add_response (dialog, "apply", apply_label);
  adw_message_dialog_set_response_appearance (dialog, "apply",
                                              kind == CALBOOK_MUTATION_CONFIRM ? ADW_RESPONSE_SUGGESTED
                                                                               : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  adw_message_dialog_set_response_enabled (dialog, "apply", n > 0);
  g_object_set_data (G_OBJECT (dialog), "kind", GINT_TO_POINTER (kind));

  if (kind != CALBOOK_MUTATION_CONFIRM && n > 0)
    {
      GtkWidget *entry = gtk_entry_new ();

      /* Cal.com wants a reason when a host cancels */
      g_object_set_data (G_OBJECT (dialog), "reason-required",
                         GINT_TO_POINTER (kind == CALBOOK_MUTATION_CANCEL));
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), kind == CALBOOK_MUTATION_CANCEL
                                                         ? _("Reason (required)")
                                                         : _("Reason (optional)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Reason"), -1);
      g_signal_connect (entry, "changed", G_CALLBACK (on_bulk_reason_changed_cb), dialog);
      adw_message_dialog_set_extra_child (dialog, entry);
      on_bulk_reason_changed_cb (GTK_EDITABLE (entry), dialog);
    }

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_bulk_dialog_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_view_stack_page_changed_cb (CalbookAdminWindow *self)
{
  update_insights (self);
  update_calendar (self);
}

static void
on_calendar_move_activated_cb (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CalbookAdminWindow *self = CALBOOK_ADMIN_WINDOW (widget);
  int step = g_variant_get_int32 (parameter);
  gboolean week = calbook_admin_calendar_get_mode (self->calendar) == CALBOOK_ADMIN_CALENDAR_WEEK;
  g_autoptr(GDateTime) day = NULL;

  if (step == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      day = week ? g_date_time_add_days (now, 1 - g_date_time_get_day_of_week (now)) : g_date_time_ref (now);
    }
  else
    {
      day = g_date_time_add_days (calbook_admin_calendar_get_day (self->calendar), step * (week ? 7 : 1));
    }

  calbook_admin_calendar_set_day (self->calendar, day);
  update_calendar (self);
}

static void
on_calendar_mode_toggled_cb (CalbookAdminWindow *self,
                             GtkToggleButton    *week_button)
{
  gboolean week = gtk_toggle_button_get_active (week_button);
  GDateTime *day = calbook_admin_calendar_get_day (self->calendar);
  g_autoptr(GDateTime) first = NULL;

  /* The week of the day shown; the first day of the week shown */
  if (week)
    first = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));
  else
    first = g_date_time_ref (day);

  calbook_admin_calendar_set_mode (self->calendar, week ? CALBOOK_ADMIN_CALENDAR_WEEK : CALBOOK_ADMIN_CALENDAR_DAY);
  calbook_admin_calendar_set_day (self->calendar, first);
  update_calendar (self);
}

/* Callbacks */

/*
 * The table's cells: one CalbookAdminCell per column, made directly (a
 * builder per cell cost a quarter of a filter change, when every visible
 * row is made again); which column is told by the column's factory.
 */
static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CalbookAdminWindow       *self)
{
  CalbookAdminColumn column = CALBOOK_ADMIN_COLUMN_DATE;

  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    if (gtk_column_view_column_get_factory (self->columns[i]) == GTK_LIST_ITEM_FACTORY (factory))
      column = i;

  gtk_list_item_set_child (item, g_object_new (CALBOOK_TYPE_ADMIN_CELL, "column", column, NULL));
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CalbookAdminWindow       *self)
{
  g_object_set (gtk_list_item_get_child (item), "booking", gtk_list_item_get_item (item), NULL);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   CalbookAdminWindow       *self)
{
  g_object_set (gtk_list_item_get_child (item), "booking", NULL, NULL);
}

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
  if (g_str_equal (range, "upcoming"))
    set_range (self, local_midnight (year, month, day), G_MAXINT64);
  else if (g_str_equal (range, "today"))
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

  /* Back to where the window opens: the upcoming bookings */
  set_range (self, today_start (), G_MAXINT64);
}

static void
on_selection_changed_cb (CalbookAdminWindow *self)
{
  show_selected_booking (self);
}

/* Enter or a double click on a row: its details, even where they cover the table */
static void
on_column_view_activate_cb (CalbookAdminWindow *self,
                            guint               position)
{
  show_selected_booking_full (self, TRUE);
}

/* The person closed the details (a click beside them or Escape when narrow) */
static void
on_details_closed_cb (CalbookAdminWindow *self)
{
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

static void
on_close_details_activated_cb (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CalbookAdminWindow *self = CALBOOK_ADMIN_WINDOW (widget);

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
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
  g_cancellable_cancel (self->insights_cancellable);
  g_cancellable_cancel (self->event_types_cancellable);
  g_cancellable_cancel (self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_ADMIN_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->members);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->insights_cancellable);
  g_clear_object (&self->event_types_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export);
  g_clear_object (&self->export_file);
  g_clear_object (&self->bulk);
  g_clear_object (&self->details_rules);
  g_clear_pointer (&self->pending_uids, g_hash_table_unref);
  g_clear_pointer (&self->event_type_ids, g_array_unref);
  g_clear_object (&self->event_types);
  g_clear_object (&self->event_type_titles);
  g_clear_pointer (&self->color_order, g_array_unref);

  G_OBJECT_CLASS (calbook_admin_window_parent_class)->dispose (object);
}

static void
calbook_admin_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CalbookAdminWindow *self = CALBOOK_ADMIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_admin_window_class_init (CalbookAdminWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_admin_window_dispose;
  object_class->get_property = calbook_admin_window_get_property;

  /* booking.* find their context here, as in the main window */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CALBOOK_TYPE_CONTEXT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The set of bookings with changes not sent yet changed (cells mark them) */
  signals[PENDING_CHANGED] = g_signal_new ("pending-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Titles of event types became known (cells name them) */
  signals[EVENT_TYPES_CHANGED] = g_signal_new ("event-types-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CALBOOK_TYPE_ADMIN_CELL);
  g_type_ensure (CALBOOK_TYPE_ADMIN_CHART);
  g_type_ensure (CALBOOK_TYPE_ADMIN_CALENDAR);
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
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, details_flap);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, table_stack);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, empty_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, details);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, calendar);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, calendar_title);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, week_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, day_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, bulk_revealer);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, bulk_progress_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, bulk_progress);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, export_progress);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, weeks_chart);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, rates_chart);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, hours_chart);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, leads_chart);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, weeks_caption);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, rates_caption);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, hours_caption);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, leads_caption);
  gtk_widget_class_bind_template_child (widget_class, CalbookAdminWindow, waiting_label);
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
  gtk_widget_class_bind_template_callback (widget_class, on_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_member_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_member_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_from_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_to_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_mode_toggled_cb);

  /* The same booking actions and dialogs as the main window, with the admin's key */
  calbook_booking_actions_install (widget_class, lookup_selected_booking);

  gtk_widget_class_install_action (widget_class, "admin.date-range", "s", on_date_range_activated_cb);
  gtk_widget_class_install_action (widget_class, "admin.clear-filters", NULL,
                                   on_clear_filters_activated_cb);
  gtk_widget_class_install_action (widget_class, "admin.export", "s", on_export_activated_cb);
  gtk_widget_class_install_action (widget_class, "admin.calendar-move", "i", on_calendar_move_activated_cb);
  gtk_widget_class_install_action (widget_class, "admin.bulk-confirm", NULL, on_bulk_activated_cb);
  gtk_widget_class_install_action (widget_class, "admin.bulk-decline", NULL, on_bulk_activated_cb);
  gtk_widget_class_install_action (widget_class, "admin.bulk-cancel", NULL, on_bulk_activated_cb);
  gtk_widget_class_install_action (widget_class, "admin.stop-export", NULL, on_stop_export_activated_cb);
  gtk_widget_class_install_action (widget_class, "admin.open-export", "s", on_open_export_activated_cb);
  gtk_widget_class_install_action (widget_class, "admin.close-details", NULL, on_close_details_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "admin.close-details", NULL);
}

static void
calbook_admin_window_init (CalbookAdminWindow *self)
{
  g_autoptr(GtkAnyFilter) member_filter = NULL;
  GtkFilterListModel *filtered_members;

  /* The table opens on what is ahead, soonest first: the past is one
   * choice away ("Any Date" or a range) */
  self->range_start = today_start ();
  self->range_end = G_MAXINT64;
  self->pending_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->members = g_list_store_new (CALBOOK_TYPE_ADMIN_MEMBER);
  self->cancellable = g_cancellable_new ();
  self->event_type_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->color_order = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The table: every row of the store's query, several can be chosen */
  self->selection = gtk_multi_selection_new (NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate",
                           G_CALLBACK (on_column_view_activate_cb), self, G_CONNECT_SWAPPED);

  /* The details pane opens on a selection, and closing it puts the selection down */
  self->details_rules = calbook_details_flap_new (self->details_flap);
  g_signal_connect_object (self->details_rules, "closed",
                           G_CALLBACK (on_details_closed_cb), self, G_CONNECT_SWAPPED);

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


  /* (GTK 4.8 otherwise shows no tooltip, the member's e-mail, after a popover) */
  calbook_popover_tooltip_release_on_close (GTK_WIDGET (self));
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_view_stack_page_changed_cb), self, G_CONNECT_SWAPPED);
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

/**
 * calbook_admin_window_lookup_event_type_title:
 *
 * Returns: (nullable): the title of event type @id, if known yet
 */
const char *
calbook_admin_window_lookup_event_type_title (CalbookAdminWindow *self,
                                              gint64              id)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_WINDOW (self), NULL);

  return self->event_type_titles != NULL ? calbook_admin_event_titles_lookup (self->event_type_titles, id) : NULL;
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

gpointer
_calbook_admin_window_get_child (CalbookAdminWindow *self,
                                 const char         *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (self), CALBOOK_TYPE_ADMIN_WINDOW, name);
}

CalbookBooking *
_calbook_admin_window_dup_booking (CalbookAdminWindow *self,
                                  guint               position)
{
  return dup_booking_at (self, position);
}

GListModel *
_calbook_admin_window_get_members (CalbookAdminWindow *self)
{
  return G_LIST_MODEL (self->members);
}

void
_calbook_admin_window_export_to (CalbookAdminWindow *self,
                                 GFile              *file,
                                 gboolean            csv)
{
  g_return_if_fail (self->export == NULL);

  start_export (self, file, csv ? CALBOOK_EXPORT_FORMAT_CSV : CALBOOK_EXPORT_FORMAT_ICALENDAR);
}

gboolean
_calbook_admin_window_is_exporting (CalbookAdminWindow *self)
{
  return self->export != NULL;
}
