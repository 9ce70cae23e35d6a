/* calbook-window.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "calbook-accessible.h"
#include "calbook-agenda-view.h"
#include "calbook-application.h"
#include "calbook-booking-actions.h"
#include "calbook-booking-details.h"
#include "calbook-booking-row.h"
#include "calbook-calendar-utils.h"
#include "calbook-details-flap.h"
#include "calbook-format.h"
#include "calbook-month-view.h"
#include "calbook-view.h"
#include "calbook-week-view.h"
#include "calbook-outbox-window.h"
#include "calbook-popover-tooltip.h"
#include "calbook-unreadable-window.h"
#include "calbook-welcome-page.h"
#include "calbook-window-private.h"

/*
 * The main window: the signed-in person's bookings in calendar views (agenda,
 * week, month) over the local store, so it shows what it has before any
 * network reply; the status views as Cal.com names them; a search; and the
 * details of the selected booking in a pane of fixed width at the calendar's
 * side, open while a booking is selected (over the calendar when the window
 * is narrow, and there only when asked for). Switching views keeps the day
 * and the selected booking. Before a context exists it shows a loading page
 * or the welcome page.
 */

/* The status views, as Cal.com names them */
typedef enum
{
  STATUS_UPCOMING,
  STATUS_UNCONFIRMED,
  STATUS_RECURRING,
  STATUS_PAST,
  STATUS_CANCELLED,
  N_STATUS_VIEWS
} StatusView;

static const char * const status_view_names[N_STATUS_VIEWS] = {
  "upcoming", "unconfirmed", "recurring", "past", "cancelled",
};

static const char * const status_view_labels[N_STATUS_VIEWS] = {
  N_("Upcoming"), N_("Unconfirmed"), N_("Recurring"), N_("Past"), N_("Cancelled"),
};

struct _CalbookWindow
{
  AdwApplicationWindow  parent_instance;

  CalbookContext       *context;
  GSettings            *settings;
  gboolean              remember_state;

  /* What every view shows: the day, the booking and the status view */
  GDateTime            *date;
  CalbookBooking       *selected;
  StatusView            status_view;
  CalbookView          *view;
  /* The window itself is setting the view's date or selection */
  gboolean              moving_view;
  /* Bookings were painted once: the start-up benchmark's mark is logged */
  gboolean              painted_bookings;
  /* Opens and closes the details pane by the rules the admin window follows too */
  CalbookDetailsFlap   *details_flap;
  GHashTable           *pending;

  /* Template widgets */
  CalbookAgendaView    *agenda_view;
  CalbookWeekView      *week_view;
  GtkRevealer          *banner_revealer;
  GtkWidget            *banner;
  GtkButton            *banner_button;
  GtkMenuButton        *banner_detail_button;
  GtkLabel             *banner_detail_label;
  GtkImage             *banner_icon;
  GtkLabel             *banner_label;
  GtkLabel             *count_label;
  GtkLabel             *period_label;
  GtkLabel             *period_short_label;
  GtkCalendar          *date_calendar;
  GtkMenuButton        *date_button;
  GtkPopover           *date_popover;
  CalbookBookingDetails *details;
  AdwFlap              *flap;
  GtkWidget            *toolbar;
  AdwHeaderBar         *calendar_header_bar;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  GtkButton            *error_button;
  GtkStack             *main_stack;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_cut_label;
  GtkLabel             *status_unconfirmed_count;
  GtkMenuButton        *status_menu_button;
  GtkLabel             *status_menu_label;
  GtkLabel             *status_menu_count;
  GtkToggleButton      *status_unconfirmed;
  GtkSpinner           *sync_spinner;
  GtkProgressBar       *sync_progress;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  GMenu                *outbox_section;
  GMenu                *primary_menu;

  /* The span of the context's last "bookings-changed-in", for the
   * "bookings-changed" that follows it */
  gboolean              changed_span_known;
  gint64                changed_from;
  gint64                changed_to;

  /* The toast about changes Cal.com refused, while it is shown */
  AdwToast             *failure_toast;
  GtkLabel             *failure_label;
  guint                 n_failures;
  CalbookWelcomePage   *welcome_page;
};

G_DEFINE_FINAL_TYPE (CalbookWindow, calbook_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SELECTED_BOOKING,
  PROP_VIEW_NAME,
  PROP_STATUS_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_views (CalbookWindow *self);
static void on_date_calendar_day_selected_cb (CalbookWindow *self);

/* Auxiliary methods */

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* The schema may not be installed (uninstalled runs, tests): then nothing is
   * remembered. Its id has no .Devel in the development profile. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.calbook.Calbook", TRUE);

  if (schema == NULL ||
      !g_settings_schema_has_key (schema, "window-width") ||
      !g_settings_schema_has_key (schema, "window-height") ||
      !g_settings_schema_has_key (schema, "window-maximized"))
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
settings_has_key (GSettings  *settings,
                  const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;

  g_object_get (settings, "settings-schema", &schema, NULL);

  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static void
load_window_state (CalbookWindow *self)
{
  int width;
  int height;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (settings_has_key (self->settings, "last-view"))
    {
      g_autofree char *view = g_settings_get_string (self->settings, "last-view");

      if (adw_view_stack_get_child_by_name (self->view_stack, view) != NULL)
        adw_view_stack_set_visible_child_name (self->view_stack, view);
    }
}

static void
save_window_state (CalbookWindow *self)
{
  int width;
  int height;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->settings == NULL || !self->remember_state)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));

  if (settings_has_key (self->settings, "last-view"))
    g_settings_set_string (self->settings, "last-view",
                           adw_view_stack_get_visible_child_name (self->view_stack));
}

static const char *
get_own_email (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->context == NULL || calbook_context_get_account (self->context) == NULL)
    return NULL;

  return calbook_account_get_email (calbook_context_get_account (self->context));
}

/*
 * The window's filter for a view. The calendar pages (week, month) show
 * every active booking of their days under "Upcoming" and "Past" alike; the
 * agenda, a list without an end, also takes the status view's side of now.
 */
static CalbookBookingFilter *
build_filter (CalbookWindow *self,
              gboolean       for_agenda)
{
  CalbookBookingFilter *filter = calbook_booking_filter_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint active = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING) |
                 CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED) |
                 CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_OTHER);
  const char *text;

  g_assert (CALBOOK_IS_WINDOW (self));

  /* The main window shows the person's own bookings; for an admin Cal.com
   * returns the whole organization, which is the admin window's job. */
  if (self->context != NULL)
    {
      CalbookAccount *account = calbook_context_get_account (self->context);

      filter->user_id = calbook_account_get_user_id (account);
      calbook_booking_filter_set_user_email (filter, calbook_account_get_email (account));
    }

  /* The views follow Cal.com's own list filters (docs/calcom-behaviour.md §1.2) */
  switch (self->status_view)
    {
    case STATUS_UPCOMING:
      filter->status_mask = active;
      filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
      if (for_agenda)
        filter->range_start = now;
      break;

    case STATUS_UNCONFIRMED:
      filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING);
      filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
      if (for_agenda)
        filter->range_start = now;
      break;

    case STATUS_RECURRING:
      filter->status_mask = active;
      filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
      filter->recurring_only = TRUE;
      if (for_agenda)
        filter->range_start = now;
      break;

    case STATUS_PAST:
      filter->status_mask = active;
      filter->sort = CALBOOK_BOOKING_SORT_START_DESC;
      if (for_agenda)
        filter->range_end = now;
      break;

    case STATUS_CANCELLED:
    case N_STATUS_VIEWS:
    default:
      filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CANCELLED) |
                            CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_RESCHEDULED) |
                            CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_DECLINED);
      filter->sort = CALBOOK_BOOKING_SORT_START_DESC;
      break;
    }

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (text != NULL && *text != '\0')
    calbook_booking_filter_set_text (filter, text);

  return filter;
}

static guint
count_bookings (CalbookWindow              *self,
                const CalbookBookingFilter *filter)
{
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->context == NULL)
    return 0;

  n = calbook_store_count_bookings (calbook_context_get_store (self->context), filter, &error);
  if (error != NULL)
    g_warning ("Could not count bookings: %s", error->message);

  return n;
}

/* "Unconfirmed 2": the status views that need attention show how many */
static void
update_status_counts (CalbookWindow *self)
{
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autofree char *count = NULL;
  g_autofree char *accessible = NULL;
  guint n = 0;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->context != NULL)
    {
      CalbookAccount *account = calbook_context_get_account (self->context);

      filter->user_id = calbook_account_get_user_id (account);
      calbook_booking_filter_set_user_email (filter, calbook_account_get_email (account));
      filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING);
      filter->range_start = g_get_real_time () / G_USEC_PER_SEC;
      n = count_bookings (self, filter);
    }

  count = g_strdup_printf ("%u", n);
  gtk_label_set_text (self->status_unconfirmed_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->status_unconfirmed_count), n > 0);
  /* The narrow menu button shows it whichever view it names */
  gtk_label_set_text (self->status_menu_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->status_menu_count), n > 0);

  if (n > 0)
    /* Translators: the accessible name of the "Unconfirmed" status view with its count */
    accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Unconfirmed, %u booking to confirm",
                                               "Unconfirmed, %u bookings to confirm", n),
                                  n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_unconfirmed),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible != NULL ? accessible : _("Unconfirmed"),
                                  -1);
}

/* GTK 4.8 names a menu button (and its inner button) after its type */
static void
name_menu_button (GtkMenuButton *button,
                  const char    *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (button))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* The narrow window's status menu button names the current status view */
static void
update_status_menu (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  gtk_label_set_text (self->status_menu_label,
                      g_dgettext (GETTEXT_PACKAGE, status_view_labels[self->status_view]));
}

/* How many bookings the current view shows: the agenda's list, or the
 * week's or month's page. A count that costs more than a frame comes
 * later: until then @exact is %FALSE and the estimate is returned. */
static guint
count_shown (CalbookWindow *self,
             gboolean      *exact)
{
  CalbookBookingList *list = calbook_agenda_view_get_list (self->agenda_view);
  guint n_items = 0;

  *exact = TRUE;
  if (self->view != NULL && CALBOOK_IS_WEEK_VIEW (self->view))
    n_items = calbook_week_view_get_bookings (CALBOOK_WEEK_VIEW (self->view))->len;
  else if (self->view != NULL && CALBOOK_IS_MONTH_VIEW (self->view))
    n_items = calbook_month_view_get_bookings (CALBOOK_MONTH_VIEW (self->view))->len;
  else if (list != NULL)
    {
      n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
      *exact = calbook_booking_list_get_count_exact (list);
      if (!*exact)
        n_items = MAX (n_items, calbook_booking_list_get_count_estimate (list));
    }

  return n_items;
}

static void
update_empty_state (CalbookWindow *self)
{
  g_autofree char *count = NULL;
  const char *text;
  guint n_items;
  guint n_waiting = 0;
  gboolean syncing = FALSE;
  gboolean exact;
  const char *title;

  g_assert (CALBOOK_IS_WINDOW (self));

  n_items = count_shown (self, &exact);

  if (self->context != NULL)
    g_object_get (self->context, "outbox-count", &n_waiting, "syncing", &syncing, NULL);

  count = calbook_format_booking_count (n_items, !exact);
  gtk_label_set_text (self->count_label, count);

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (text != NULL && *text != '\0')
    {
      calbook_agenda_view_set_empty_state (self->agenda_view, "edit-find-symbolic",
                                           _("No Results Found"), _("Try a different search"));
      return;
    }

  if (syncing)
    {
      calbook_agenda_view_set_empty_state (self->agenda_view, "content-loading-symbolic",
                                           _("Loading Bookings…"),
                                           _("Your bookings are being fetched from Cal.com"));
      return;
    }

  switch (self->status_view)
    {
    case STATUS_UPCOMING:
      title = _("No Upcoming Bookings");
      break;
    case STATUS_UNCONFIRMED:
      title = _("Nothing to Confirm");
      break;
    case STATUS_RECURRING:
      title = _("No Recurring Bookings");
      break;
    case STATUS_PAST:
      title = _("No Past Bookings");
      break;
    case STATUS_CANCELLED:
    case N_STATUS_VIEWS:
    default:
      title = _("No Cancelled Bookings");
      break;
    }

  calbook_agenda_view_set_empty_state (self->agenda_view, "x-office-calendar-symbolic",
                                       title, NULL);
}

/* A week by its month, as the day numbers are right below: "December 2026",
 * "November – December 2026", "December 2026 – January 2027" */
/* A narrow window's week: "Dec 2026", "Nov – Dec 2026" */
static char *
format_week_short (GDateTime *date)
{
  g_autoptr(GDateTime) start = calbook_calendar_start_of_week (date);
  g_autoptr(GDateTime) last = g_date_time_add_days (start, 6);
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;

  /* Translators: the month in a narrow window, e.g. "Dec 2026"; see strftime(3) */
  last_text = g_date_time_format (last, _("%b %Y"));
  if (g_date_time_get_month (start) == g_date_time_get_month (last))
    return g_steal_pointer (&last_text);

  if (g_date_time_get_year (start) == g_date_time_get_year (last))
    /* Translators: the first month of a week across two months in a narrow window, e.g. "Nov" of "Nov – Dec 2026"; see strftime(3) */
    first_text = g_date_time_format (start, _("%b"));
  else
    first_text = g_date_time_format (start, _("%b %Y"));

  return g_strdup_printf (_("%s – %s"), first_text, last_text);
}

static char *
format_week (GDateTime *date)
{
  g_autoptr(GDateTime) start = calbook_calendar_start_of_week (date);
  g_autoptr(GDateTime) last = g_date_time_add_days (start, 6);
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;

  if (g_date_time_get_month (start) == g_date_time_get_month (last))
    /* Translators: the week and month views' title, e.g. "December 2026"; see strftime(3) */
    return g_date_time_format (start, _("%B %Y"));

  if (g_date_time_get_year (start) == g_date_time_get_year (last))
    /* Translators: the first month of a week across two months, e.g. "November" of "November – December 2026"; see strftime(3) */
    first_text = g_date_time_format (start, _("%B"));
  else
    first_text = g_date_time_format (start, _("%B %Y"));
  last_text = g_date_time_format (last, _("%B %Y"));

  /* Translators: a week across two months, e.g. "November – December 2026" */
  return g_strdup_printf (_("%s – %s"), first_text, last_text);
}

/* The toolbar's title: the period the current view shows */
static void
update_title (CalbookWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *short_title = NULL;
  const char *name;

  g_assert (CALBOOK_IS_WINDOW (self));

  name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (name, "month") == 0)
    {
      title = g_date_time_format (self->date, _("%B %Y"));
      short_title = g_date_time_format (self->date, _("%b %Y"));
    }
  else if (g_strcmp0 (name, "week") == 0)
    {
      title = format_week (self->date);
      short_title = format_week_short (self->date);
    }
  else
    {
      title = calbook_format_day_header (self->date);
      /* Translators: a day in a narrow window, e.g. "Mon 7 Dec"; see strftime(3) */
      short_title = g_date_time_format (self->date, _("%a %-d %b"));
    }

  /* The short one shows when the full one does not fit */
  gtk_label_set_text (self->period_label, title);
  gtk_label_set_text (self->period_short_label, short_title);

  /* The date picker shows the same day */
  g_signal_handlers_block_by_func (self->date_calendar, on_date_calendar_day_selected_cb, self);
  gtk_calendar_select_day (self->date_calendar, self->date);
  g_signal_handlers_unblock_by_func (self->date_calendar, on_date_calendar_day_selected_cb, self);
}

/* The views, in the order of the view stack */
static GPtrArray *
collect_views (CalbookWindow *self)
{
  GPtrArray *views = g_ptr_array_new ();

  g_assert (CALBOOK_IS_WINDOW (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *view = child;

      /* AdwViewStack may wrap each page's child */
      while (view != NULL && !CALBOOK_IS_VIEW (view))
        view = gtk_widget_get_first_child (view);
      if (view != NULL)
        g_ptr_array_add (views, view);
    }

  return views;
}

/* The status view that lists @booking, the current one when it does */
static StatusView
status_view_for (CalbookWindow  *self,
                 CalbookBooking *booking)
{
  CalbookBookingStatus status = calbook_booking_get_status (booking);
  gboolean past = calbook_booking_get_end (booking) <= g_get_real_time () / G_USEC_PER_SEC;

  if (status == CALBOOK_BOOKING_STATUS_CANCELLED ||
      status == CALBOOK_BOOKING_STATUS_RESCHEDULED ||
      status == CALBOOK_BOOKING_STATUS_DECLINED)
    return STATUS_CANCELLED;

  switch (self->status_view)
    {
    case STATUS_UNCONFIRMED:
      if (status == CALBOOK_BOOKING_STATUS_PENDING && !past)
        return STATUS_UNCONFIRMED;
      break;
    case STATUS_RECURRING:
      if (calbook_booking_get_recurring_booking_uid (booking) != NULL && !past)
        return STATUS_RECURRING;
      break;
    case STATUS_UPCOMING:
    case STATUS_PAST:
    case STATUS_CANCELLED:
    case N_STATUS_VIEWS:
    default:
      break;
    }

  return past ? STATUS_PAST : STATUS_UPCOMING;
}

static GHashTable *
collect_pending (CalbookWindow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  GHashTable *uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->context != NULL)
    entries = calbook_context_list_outbox (self->context, NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->booking_uid != NULL)
        g_hash_table_add (uids, g_strdup (entry->booking_uid));
    }

  return uids;
}

/* "Changes Not Sent" shows one context's outbox: it goes with that context */
static void
close_outbox_windows (CalbookWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert (CALBOOK_IS_WINDOW (self));

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (CALBOOK_IS_OUTBOX_WINDOW (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        gtk_window_destroy (window);
    }
}

static void
update_outbox_menu (CalbookWindow *self)
{
  g_autofree char *label = NULL;
  guint n_waiting = 0;
  guint n_unreadable = 0;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->context != NULL)
    g_object_get (self->context, "outbox-count", &n_waiting, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-outbox", self->context != NULL);

  /* Bookings Cal.com sent that could not be read: only when there are some */
  if (self->context != NULL)
    n_unreadable = calbook_store_count_rejected (calbook_context_get_store (self->context), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-unreadable", n_unreadable > 0);

  g_menu_remove_all (self->outbox_section);
  if (n_waiting == 0)
    return;

  /* Translators: a menu item; %u is how many changes wait in the outbox */
  label = g_strdup_printf (_("Changes _Not Sent (%u)…"), n_waiting);
  g_menu_append (self->outbox_section, label, "win.show-outbox");
}

/*
 * The strip under the header bar. One line only: a long message from Cal.com
 * is cut, and the whole text is one click away.
 */
static void
show_banner (CalbookWindow *self,
             const char    *text,
             const char    *detail,
             const char    *icon_name,
             gboolean       is_error)
{
  g_autofree char *first_line = NULL;
  const char *newline;

  g_assert (CALBOOK_IS_WINDOW (self));

  newline = strchr (text, '\n');
  first_line = newline != NULL ? g_strndup (text, newline - text) : g_strdup (text);

  /* Plain text: these are the network's and Cal.com's words */
  gtk_label_set_text (self->banner_label, first_line);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->banner_label), NULL);
  gtk_label_set_text (self->banner_detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->banner_detail_button),
                          detail != NULL && *detail != '\0' && g_strcmp0 (detail, first_line) != 0 ?
                          TRUE : (detail != NULL && *detail != '\0' && strlen (detail) > 60));
  gtk_image_set_from_icon_name (self->banner_icon, icon_name);
  if (is_error)
    gtk_widget_add_css_class (self->banner, "error");
  else
    gtk_widget_remove_css_class (self->banner, "error");
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
update_sync_state (CalbookWindow *self)
{
  g_autofree char *last_error = NULL;
  gboolean syncing = FALSE;
  gboolean online = TRUE;
  gboolean needs_key = FALSE;
  double progress = 0.0;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->context != NULL)
    g_object_get (self->context,
                  "syncing", &syncing,
                  "progress", &progress,
                  "online", &online,
                  "last-error", &last_error,
                  "needs-key", &needs_key,
                  NULL);

  update_outbox_menu (self);

  /* Retrying can't help a rejected key: the banner asks for a new one */
  gtk_button_set_label (self->banner_button, needs_key ? _("_Enter Key…") : _("_Retry"));
  /* Read as shown, without the mnemonic (set_label names it by the property again) */
  calbook_accessible_name_from_label (GTK_WIDGET (self->banner_button));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button),
                                  needs_key ? "app.enter-api-key" : "app.refresh");

  if (needs_key)
    {
      show_banner (self, _("The API key was rejected — enter a new one"), NULL,
                   "dialog-password-symbolic", TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->sync_spinner), FALSE);
      gtk_spinner_set_spinning (self->sync_spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->sync_progress), FALSE);
      update_empty_state (self);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sync_spinner), syncing);
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_progress), syncing && progress > 0.0);
  gtk_progress_bar_set_fraction (self->sync_progress, CLAMP (progress, 0.0, 1.0));

  /* Offline is a state, not an error: a neutral notice that says what is
   * shown and what waits; the network's own words are behind "Details" */
  if (!online)
    {
      g_autofree char *notice = NULL;
      guint n_waiting = 0;

      g_object_get (self->context, "outbox-count", &n_waiting, NULL);
      if (n_waiting > 0)
        /* Translators: the offline notice; %u is how many changes wait to be sent */
        notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Offline — showing saved bookings; %u change waiting",
                                               "Offline — showing saved bookings; %u changes waiting",
                                               n_waiting),
                                  n_waiting);
      else
        notice = g_strdup (_("Offline — showing saved bookings"));

      show_banner (self, notice, last_error, "network-offline-symbolic", FALSE);
    }
  else if (last_error != NULL && *last_error != '\0')
    {
      show_banner (self, last_error, last_error, "dialog-warning-symbolic", TRUE);
    }
  else
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
    }

  update_empty_state (self);
}

/* Gives every view the window's query and the outbox's bookings */
static void update_views_in (CalbookWindow *self,
                             gint64         from,
                             gint64         to);

/* Every view reads again (a new filter, store or search) */
static void
update_views (CalbookWindow *self)
{
  update_views_in (self, G_MININT64, G_MAXINT64);
}

/* The views whose page may show a booking that was or is in [@from, @to)
 * read again; the others keep what they have (a synced page of bookings
 * months away does not rebuild the week on screen) */
static void
update_views_in (CalbookWindow *self,
                 gint64         from,
                 gint64         to)
{
  g_autoptr(CalbookBookingFilter) agenda_filter = NULL;
  g_autoptr(CalbookBookingFilter) page_filter = NULL;
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(GPtrArray) views = NULL;
  CalbookStore *store = NULL;
  const char *own_email;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->context != NULL)
    store = calbook_context_get_store (self->context);

  own_email = get_own_email (self);
  agenda_filter = build_filter (self, TRUE);
  page_filter = build_filter (self, FALSE);
  pending = collect_pending (self);

  views = collect_views (self);
  for (guint i = 0; i < views->len; i++)
    {
      GtkWidget *view = g_ptr_array_index (views, i);

      calbook_view_set_pending (CALBOOK_VIEW (view), pending);
      if (!calbook_view_shows_span (CALBOOK_VIEW (view), from, to))
        continue;
      calbook_view_set_query (CALBOOK_VIEW (view), store,
                              CALBOOK_IS_AGENDA_VIEW (view) ? agenda_filter : page_filter,
                              own_email);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->search_cut_label),
                          calbook_booking_filter_get_text_cut (agenda_filter));

  update_status_counts (self);
  update_empty_state (self);
}

/* Tells the details whether the shown booking has changes Cal.com has not confirmed */
static void
update_unsent (CalbookWindow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  CalbookBooking *shown;
  const char *message = NULL;

  g_assert (CALBOOK_IS_WINDOW (self));

  shown = calbook_booking_details_get_booking (self->details);
  if (shown != NULL && self->context != NULL)
    entries = calbook_context_list_outbox (self->context, NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->booking_uid, calbook_booking_get_uid (shown)) != 0)
        continue;

      if (entry->state == CALBOOK_OUTBOX_STATE_FAILED)
        {
          message = _("Cal.com refused a change to this booking");
          break;
        }

      message = _("A change to this booking has not reached Cal.com yet");
    }

  calbook_booking_details_set_unsent (self->details, message);
}

static void
refresh_details (CalbookWindow *self)
{
  g_autoptr(CalbookBooking) fresh = NULL;
  CalbookBooking *shown;

  g_assert (CALBOOK_IS_WINDOW (self));

  shown = calbook_booking_details_get_booking (self->details);
  if (shown == NULL || self->context == NULL)
    return;

  /* Re-read the booking the person is looking at: the sync may have changed it */
  fresh = calbook_store_get_booking (calbook_context_get_store (self->context),
                                     calbook_booking_get_uid (shown), NULL);
  if (fresh != NULL)
    {
      calbook_booking_details_set_booking (self->details, fresh);
      if (self->selected != NULL && g_strcmp0 (calbook_booking_get_uid (self->selected),
                                                calbook_booking_get_uid (fresh)) == 0)
        g_set_object (&self->selected, fresh);
      calbook_booking_actions_update (GTK_WIDGET (self), self->selected);
    }
  update_unsent (self);
}

/*
 * The toolbar's row: the period shown at its full width when it can be, the
 * status views in what is left (their squeezer then picks the row of
 * toggles or, narrower, the menu). A box would share a shortage between the
 * two and cut the period short while the menu has room to spare.
 */
#define TOOLBAR_SPACING 12

static void
toolbar_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  int n_visible = 0;

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min;
      int child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          int spacing = n_visible > 0 ? TOOLBAR_SPACING : 0;

          *minimum += child_min + spacing;
          *natural += child_nat + spacing;
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      n_visible++;
    }
}

static void
toolbar_allocate (GtkWidget *widget,
                  int        width,
                  int        height,
                  int        baseline)
{
  GtkWidget *start = gtk_widget_get_first_child (widget);
  GtkWidget *end = gtk_widget_get_last_child (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int start_min;
  int start_nat;
  int end_min;
  int start_width;
  int end_width;

  g_return_if_fail (start != NULL && end != NULL && start != end);

  gtk_widget_measure (start, GTK_ORIENTATION_HORIZONTAL, -1, &start_min, &start_nat, NULL, NULL);
  gtk_widget_measure (end, GTK_ORIENTATION_HORIZONTAL, -1, &end_min, NULL, NULL, NULL);

  start_width = MIN (start_nat, MAX (start_min, width - end_min - TOOLBAR_SPACING));
  end_width = MAX (end_min, width - start_width - TOOLBAR_SPACING);

  gtk_widget_size_allocate (start,
                            &(GtkAllocation) { rtl ? width - start_width : 0, 0, start_width, height },
                            -1);
  gtk_widget_size_allocate (end,
                            &(GtkAllocation) { rtl ? 0 : width - end_width, 0, end_width, height },
                            -1);
}

/*
 * Who is signed in ("Ann Weber", "Demo · Ann Weber (administrator)"): the
 * heading of the main menu's first section. As the header's title it was
 * cut to "Demo…" at 360 px (where the title shows instead of the view
 * switcher, and even "Bookings" is cut): the header has no title, the
 * views are named by the switcher bar at the bottom.
 */
static void
set_account_line (CalbookWindow *self,
                  const char    *text)
{
  g_autoptr(GMenuModel) first = NULL;

  g_assert (CALBOOK_IS_WINDOW (self));

  /* A section's heading is held by the menu that links it */
  first = g_menu_model_get_item_link (G_MENU_MODEL (self->primary_menu), 0, G_MENU_LINK_SECTION);
  g_return_if_fail (first != NULL);
  g_menu_remove (self->primary_menu, 0);
  g_menu_prepend_section (self->primary_menu, text != NULL && *text != '\0' ? text : NULL, first);
}

/* Callbacks */

/* The working day the week view emphasises: a setting of the application
 * (which the demo keeps in memory), as the preferences change it */
static void
on_notify_application_cb (CalbookWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = NULL;

  g_settings_unbind (self->week_view, "work-day-start");
  g_settings_unbind (self->week_view, "work-day-end");

  if (CALBOOK_IS_APPLICATION (application))
    settings = calbook_application_get_settings (CALBOOK_APPLICATION (application));

  if (settings_has_key (settings, "work-day-start") && settings_has_key (settings, "work-day-end"))
    {
      g_settings_bind (settings, "work-day-start", self->week_view, "work-day-start",
                       G_SETTINGS_BIND_GET);
      g_settings_bind (settings, "work-day-end", self->week_view, "work-day-end",
                       G_SETTINGS_BIND_GET);
    }
}

static void
on_context_notify_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  update_sync_state (self);
}

static void
on_context_outbox_count_changed_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  update_sync_state (self);
  update_views (self);
  update_unsent (self);
}

/* Where the bookings the next "bookings-changed" is about were and are */
static void
on_context_bookings_changed_in_cb (CalbookWindow *self,
                                   gint64         from,
                                   gint64         to)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  self->changed_span_known = TRUE;
  self->changed_from = from;
  self->changed_to = to;
}

static void
on_context_bookings_changed_cb (CalbookWindow *self)
{
  gint64 from = self->changed_span_known ? self->changed_from : G_MININT64;
  gint64 to = self->changed_span_known ? self->changed_to : G_MAXINT64;
  CalbookBooking *shown;

  g_assert (CALBOOK_IS_WINDOW (self));

  self->changed_span_known = FALSE;

  /* A new filter, not only a reload: "Upcoming" and "Past" are relative to now */
  update_views_in (self, from, to);

  /* The booking in the details, when it may be one that changed: every
   * booking that changed was in the span before (as shown) and is now;
   * outbox changes come with the whole span */
  shown = calbook_booking_details_get_booking (self->details);
  if (shown != NULL &&
      calbook_booking_get_start (shown) < to &&
      MAX (calbook_booking_get_end (shown), calbook_booking_get_start (shown)) >= from)
    refresh_details (self);

  update_outbox_menu (self);
}

static void
on_failure_toast_dismissed_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  self->failure_label = NULL;
  self->n_failures = 0;
  g_clear_object (&self->failure_toast);
}

static void
on_context_mutation_failed_cb (CalbookWindow      *self,
                               CalbookOutboxEntry *entry,
                               const GError       *error)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  g_assert (CALBOOK_IS_WINDOW (self));

  text = calbook_outbox_describe_failure (calbook_context_get_store (self->context), entry, error);

  /* Several at once (a replay after being offline): one toast that counts */
  if (self->failure_toast != NULL)
    {
      g_autofree char *more = NULL;
      g_autofree char *both = NULL;

      self->n_failures++;
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u more change was refused too",
                                           "%u more changes were refused too",
                                           self->n_failures - 1),
                              self->n_failures - 1);
      both = g_strdup_printf ("%s\n%s", text, more);
      gtk_label_set_text (self->failure_label, both);
      return;
    }

  /* A label of our own: it wraps (a title would be cut short), and it is
   * plain text, as Cal.com's words must be */
  label = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");

  /* It stays until dismissed: the change waits for the person to decide */
  self->failure_toast = g_object_ref (adw_toast_new (""));
  self->failure_label = GTK_LABEL (label);
  self->n_failures = 1;
  adw_toast_set_custom_title (self->failure_toast, label);
  adw_toast_set_timeout (self->failure_toast, 0);
  adw_toast_set_priority (self->failure_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (self->failure_toast, _("_Review"));
  adw_toast_set_action_name (self->failure_toast, "win.show-outbox");
  g_signal_connect_object (self->failure_toast, "dismissed",
                           G_CALLBACK (on_failure_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, self->failure_toast);
}

static void
on_show_unreadable_activated_cb (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CalbookWindow *self = CALBOOK_WINDOW (widget);

  if (self->context == NULL)
    return;

  gtk_window_present (GTK_WINDOW (calbook_unreadable_window_new (GTK_WINDOW (self),
                                                                 calbook_context_get_store (self->context))));
}

static void
on_show_outbox_activated_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  calbook_window_show_outbox (CALBOOK_WINDOW (widget));
}

/* The window's buttons go to the right edge: the pane's header when it is beside the calendar */
static void
update_title_buttons (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  adw_header_bar_set_show_end_title_buttons (self->calendar_header_bar,
                                             !calbook_details_flap_get_revealed (self->details_flap) ||
                                             calbook_details_flap_get_folded (self->details_flap));
}

/*
 * The details pane is open while a booking is selected. A narrow window
 * (folded: the pane would cover the calendar) opens it only when the booking
 * was activated (@requested), and keeps the selection when it closes it.
 */
static void
update_details_pane (CalbookWindow *self,
                     gboolean       requested)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  calbook_details_flap_update (self->details_flap, self->selected != NULL, requested);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-details", self->selected != NULL);
  update_title_buttons (self);
}

static void
set_selected (CalbookWindow  *self,
              CalbookBooking *booking)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  if (!g_set_object (&self->selected, booking))
    return;

  /* The details follow the selection: a booking that left the view (a
   * filter, a search, another week) takes the details with it */
  calbook_booking_details_set_booking (self->details, booking);
  calbook_booking_actions_update (GTK_WIDGET (self), booking);
  update_unsent (self);

  update_details_pane (self, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_BOOKING]);
}

static void
on_view_notify_selected_booking_cb (CalbookWindow *self,
                                    GParamSpec    *pspec,
                                    CalbookView   *view)
{
  CalbookBooking *booking;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (view != self->view)
    return;

  booking = calbook_view_get_selected_booking (view);
  set_selected (self, booking);
}

static void
on_view_notify_date_cb (CalbookWindow *self,
                        GParamSpec    *pspec,
                        CalbookView   *view)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  if (view != self->view)
    return;

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = calbook_view_get_date (view);
  update_title (self);
  update_empty_state (self);
}

static void
on_frame_clock_after_paint_cb (GdkFrameClock *frame_clock,
                               CalbookWindow *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, on_frame_clock_after_paint_cb, self);

  /* What build-aux/run-benchmarks.sh times a start by */
  g_debug ("Bookings painted");
}

/* A hidden view reads the store only when it is shown: then its count is new */
static void
on_view_loaded_cb (CalbookWindow *self,
                   CalbookView   *view)
{
  GdkFrameClock *frame_clock;
  gboolean exact;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (view != self->view)
    return;

  update_empty_state (self);

  if (!self->painted_bookings && count_shown (self, &exact) > 0 &&
      (frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self))) != NULL)
    {
      self->painted_bookings = TRUE;
      g_signal_connect_object (frame_clock, "after-paint",
                               G_CALLBACK (on_frame_clock_after_paint_cb), self, 0);
    }
}

static void
on_view_create_requested_cb (CalbookWindow *self,
                             GDateTime     *start,
                             GDateTime     *end)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  /* The new-booking dialog belongs to the booking actions */
  calbook_booking_actions_new_booking (GTK_WIDGET (self), start, end);
}

static void
on_view_move_requested_cb (CalbookWindow  *self,
                           CalbookBooking *booking,
                           GDateTime      *new_start)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  set_selected (self, booking);
  calbook_view_set_selected_booking (self->view, booking);

  /* The booking actions confirm the move before anything is sent */
  calbook_booking_actions_move (GTK_WIDGET (self), booking, new_start);
}

static void
on_view_stack_visible_child_changed_cb (CalbookWindow *self)
{
  GtkWidget *child;

  g_assert (CALBOOK_IS_WINDOW (self));

  child = adw_view_stack_get_visible_child (self->view_stack);
  if (child == NULL || !CALBOOK_IS_VIEW (child))
    return;

  /* The next view opens at the same day, with the same booking selected:
   * the selected booking's day when there is one */
  self->view = CALBOOK_VIEW (child);
  if (self->selected != NULL)
    {
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (calbook_booking_get_start (self->selected));

      if (start != NULL)
        {
          g_clear_pointer (&self->date, g_date_time_unref);
          self->date = g_steal_pointer (&start);
        }
    }
  self->moving_view = TRUE;
  calbook_view_set_date (self->view, self->date);
  calbook_view_set_selected_booking (self->view, self->selected);
  self->moving_view = FALSE;

  /* It may not have that booking (e.g. it is on another day than shown) */
  set_selected (self, calbook_view_get_selected_booking (self->view));

  update_title (self);
  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_NAME]);
}

static void
on_date_calendar_day_selected_cb (CalbookWindow *self)
{
  g_autoptr(GDateTime) date = NULL;

  g_assert (CALBOOK_IS_WINDOW (self));

  date = gtk_calendar_get_date (self->date_calendar);
  if (self->view != NULL)
    calbook_view_set_date (self->view, date);
  gtk_popover_popdown (self->date_popover);
}

static void
on_navigate_activated_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CalbookWindow *self = CALBOOK_WINDOW (widget);

  if (self->view == NULL)
    return;

  if (g_str_equal (action_name, "win.previous"))
    calbook_view_go_previous (self->view);
  else if (g_str_equal (action_name, "win.next"))
    calbook_view_go_next (self->view);
  else
    calbook_view_go_today (self->view);
}

static void
on_show_details_activated_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CalbookWindow *self = CALBOOK_WINDOW (widget);

  if (self->selected == NULL)
    return;

  update_details_pane (self, TRUE);
}

static void
on_close_details_activated_cb (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  calbook_window_set_selected_booking (CALBOOK_WINDOW (widget), NULL);
}

static void
on_flap_notify_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  update_title_buttons (self);
}

/* Closed by the person (a click beside it or Escape in a narrow window):
 * the booking is put down */
static void
on_details_flap_closed_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  calbook_window_set_selected_booking (self, NULL);
}

static void
on_search_entry_search_changed_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  update_views (self);
}

static void
on_search_entry_stop_search_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static gboolean
on_search_shortcut_cb (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   user_data)
{
  CalbookWindow *self = CALBOOK_WINDOW (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "bookings"))
    return FALSE;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  return TRUE;
}

static CalbookBooking *
lookup_selected_booking (GtkWidget *widget)
{
  return CALBOOK_WINDOW (widget)->selected;
}

/* GObject overrides */

static gboolean
calbook_window_close_request (GtkWindow *window)
{
  save_window_state (CALBOOK_WINDOW (window));

  return GTK_WINDOW_CLASS (calbook_window_parent_class)->close_request (window);
}

static void
calbook_window_dispose (GObject *object)
{
  CalbookWindow *self = (CalbookWindow *)object;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_WINDOW);
  g_clear_object (&self->details_flap);

  if (self->failure_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->failure_toast, self);
  g_clear_object (&self->failure_toast);
  g_clear_object (&self->selected);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  self->view = NULL;

  G_OBJECT_CLASS (calbook_window_parent_class)->dispose (object);
}

static void
calbook_window_finalize (GObject *object)
{
  CalbookWindow *self = (CalbookWindow *)object;

  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (calbook_window_parent_class)->finalize (object);
}

static void
calbook_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CalbookWindow *self = CALBOOK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SELECTED_BOOKING:
      g_value_set_object (value, self->selected);
      break;
    case PROP_VIEW_NAME:
      g_value_set_string (value, calbook_window_get_view_name (self));
      break;
    case PROP_STATUS_VIEW:
      g_value_set_string (value, status_view_names[self->status_view]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CalbookWindow *self = CALBOOK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      calbook_window_set_context (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_BOOKING:
      calbook_window_set_selected_booking (self, g_value_get_object (value));
      break;
    case PROP_VIEW_NAME:
      calbook_window_set_view_name (self, g_value_get_string (value));
      break;
    case PROP_STATUS_VIEW:
      calbook_window_set_status_view (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_window_class_init (CalbookWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = calbook_window_dispose;
  object_class->finalize = calbook_window_finalize;
  object_class->get_property = calbook_window_get_property;
  object_class->set_property = calbook_window_set_property;

  window_class->close_request = calbook_window_close_request;

  /* The context arrives after the window is shown (sign-in, demo start) */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CALBOOK_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The booking the details show; the same in every view */
  properties[PROP_SELECTED_BOOKING] =
    g_param_spec_object ("selected-booking", NULL, NULL,
                         CALBOOK_TYPE_BOOKING,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* "agenda", "week" or "month" */
  properties[PROP_VIEW_NAME] =
    g_param_spec_string ("view-name", NULL, NULL,
                         "week",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* "upcoming", "unconfirmed", "recurring", "past" or "cancelled" */
  properties[PROP_STATUS_VIEW] =
    g_param_spec_string ("status-view", NULL, NULL,
                         "upcoming",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CALBOOK_TYPE_AGENDA_VIEW);
  g_type_ensure (CALBOOK_TYPE_BOOKING_DETAILS);
  g_type_ensure (CALBOOK_TYPE_WELCOME_PAGE);
  g_type_ensure (CALBOOK_TYPE_MONTH_VIEW);
  g_type_ensure (CALBOOK_TYPE_WEEK_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner_detail_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner_detail_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, calendar_header_bar);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, date_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, date_calendar);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, date_popover);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, details);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, error_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, outbox_section);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, period_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, period_short_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, search_cut_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, status_unconfirmed);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, status_unconfirmed_count);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, status_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, status_menu_count);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, status_menu_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, toolbar);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, week_view);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, welcome_page);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_notify_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.show-outbox", NULL,
                                   on_show_outbox_activated_cb);

  /* booking.* act on the selected booking; Delete cancels it */
  calbook_booking_actions_install (widget_class, lookup_selected_booking);
  calbook_booking_actions_install_new_booking (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "booking.cancel", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-unreadable", NULL,
                                   on_show_unreadable_activated_cb);
  gtk_widget_class_install_action (widget_class, "win.previous", NULL, on_navigate_activated_cb);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, on_navigate_activated_cb);
  gtk_widget_class_install_action (widget_class, "win.today", NULL, on_navigate_activated_cb);
  gtk_widget_class_install_action (widget_class, "win.show-details", NULL,
                                   on_show_details_activated_cb);
  gtk_widget_class_install_action (widget_class, "win.close-details", NULL,
                                   on_close_details_activated_cb);
  gtk_widget_class_install_property_action (widget_class, "win.view", "view-name");
  gtk_widget_class_install_property_action (widget_class, "win.status-view", "status-view");

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                on_search_shortcut_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "win.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK,
                                       "win.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.view", "s", "agenda");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.view", "s", "week");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "win.view", "s", "month");
}

static void
calbook_window_init (CalbookWindow *self)
{
  g_autoptr(GPtrArray) views = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Tooltips come back after a popover closed (GTK 4.8) */
  calbook_popover_tooltip_release_on_close (GTK_WIDGET (self));

  self->details_flap = calbook_details_flap_new (self->flap);
  g_signal_connect_object (self->details_flap, "closed",
                           G_CALLBACK (on_details_flap_closed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_layout_manager (GTK_WIDGET (self->toolbar),
                                 gtk_custom_layout_new (NULL, toolbar_measure, toolbar_allocate));

  self->date = g_date_time_new_now_local ();
  self->status_view = STATUS_UPCOMING;

  views = collect_views (self);
  for (guint i = 0; i < views->len; i++)
    {
      GtkWidget *view = g_ptr_array_index (views, i);

      g_signal_connect_object (view, "notify::selected-booking",
                               G_CALLBACK (on_view_notify_selected_booking_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::date",
                               G_CALLBACK (on_view_notify_date_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "loaded",
                               G_CALLBACK (on_view_loaded_cb), self, G_CONNECT_SWAPPED);
      if (g_signal_lookup ("create-requested", G_OBJECT_TYPE (view)) != 0)
        g_signal_connect_object (view, "create-requested",
                                 G_CALLBACK (on_view_create_requested_cb), self,
                                 G_CONNECT_SWAPPED);
      if (g_signal_lookup ("move-requested", G_OBJECT_TYPE (view)) != 0)
        g_signal_connect_object (view, "move-requested",
                                 G_CALLBACK (on_view_move_requested_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  name_menu_button (self->banner_detail_button, _("Details"));
  /* Named by the text they show: the period, the status view (the menu
   * buttons and, for GTK 4.8, their inner buttons) */
  calbook_accessible_name_from_label (GTK_WIDGET (self->date_button));
  calbook_accessible_name_from_label (gtk_widget_get_first_child (GTK_WIDGET (self->date_button)));
  calbook_accessible_name_from_label (GTK_WIDGET (self->status_menu_button));
  calbook_accessible_name_from_label (gtk_widget_get_first_child (GTK_WIDGET (self->status_menu_button)));

  self->remember_state = TRUE;
  self->settings = create_settings ();
  g_signal_connect (self, "notify::application", G_CALLBACK (on_notify_application_cb), NULL);
  on_view_stack_visible_child_changed_cb (self);
  load_window_state (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  calbook_booking_actions_update (GTK_WIDGET (self), NULL);
  update_status_menu (self);
  update_details_pane (self, FALSE);
  update_sync_state (self);
  update_title (self);
}

/* Public API */

CalbookWindow *
calbook_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (CALBOOK_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

CalbookContext *
calbook_window_get_context (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * calbook_window_set_context:
 * @self: a #CalbookWindow
 * @context: (nullable): the signed-in account's context
 *
 * Shows @context's bookings, or the loading page when %NULL.
 */
void
calbook_window_set_context (CalbookWindow  *self,
                            CalbookContext *context)
{
  g_return_if_fail (CALBOOK_IS_WINDOW (self));
  g_return_if_fail (context == NULL || CALBOOK_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);

  close_outbox_windows (self);

  set_selected (self, NULL);
  calbook_booking_details_set_store (self->details, NULL);

  g_set_object (&self->context, context);

  /* The views drop the old store (or read the new one) */
  update_views (self);

  if (context != NULL)
    {
      CalbookAccount *account = calbook_context_get_account (context);

      g_signal_connect_object (context, "notify::syncing",
                               G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::progress",
                               G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::online",
                               G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::last-error",
                               G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::outbox-count",
                               G_CALLBACK (on_context_outbox_count_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::needs-key",
                               G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "bookings-changed-in",
                               G_CALLBACK (on_context_bookings_changed_in_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "bookings-changed",
                               G_CALLBACK (on_context_bookings_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "mutation-failed",
                               G_CALLBACK (on_context_mutation_failed_cb), self,
                               G_CONNECT_SWAPPED);

      calbook_booking_details_set_store (self->details, calbook_context_get_store (context));

      if (account != NULL && calbook_account_get_name (account) != NULL)
        set_account_line (self, calbook_account_get_name (account));

      gtk_stack_set_visible_child_name (self->main_stack, "bookings");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
    }

  update_sync_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
calbook_window_show_loading (CalbookWindow *self,
                             const char    *title,
                             const char    *description)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (CALBOOK_IS_WINDOW (self));

  if (description != NULL)
    escaped = g_markup_escape_text (description, -1);

  adw_status_page_set_title (self->loading_page, title != NULL ? title : _("Connecting…"));
  adw_status_page_set_description (self->loading_page, escaped);
  adw_status_page_set_icon_name (self->loading_page, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), TRUE);
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

/**
 * calbook_window_show_error:
 * @self: a #CalbookWindow
 * @title: what went wrong, for a person
 * @description: (nullable): the details, shown as plain text
 *
 * Replaces the window's content with an error page (when there is nothing
 * else to show, e.g. the demo or the store could not start).
 */
void
calbook_window_show_error (CalbookWindow *self,
                           const char    *title,
                           const char    *description)
{
  calbook_window_show_error_with_action (self, title, description, NULL, NULL);
}

/**
 * calbook_window_show_error_with_action:
 * @self: a #CalbookWindow
 * @title: what went wrong, for a person
 * @description: (nullable): the details, shown as plain text
 * @button_label: (nullable): the way out, with a mnemonic
 * @action_name: (nullable): the action the button activates
 *
 * calbook_window_show_error() with a button that offers a way out.
 */
void
calbook_window_show_error_with_action (CalbookWindow *self,
                                       const char    *title,
                                       const char    *description,
                                       const char    *button_label,
                                       const char    *action_name)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (CALBOOK_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  /* AdwStatusPage descriptions are markup */
  if (description != NULL)
    escaped = g_markup_escape_text (description, -1);

  calbook_window_set_context (self, NULL);
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, escaped);
  adw_status_page_set_icon_name (self->loading_page, "dialog-error-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), FALSE);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button), action_name);
  if (button_label != NULL)
    {
      g_autoptr(GString) spoken = g_string_new (NULL);

      gtk_button_set_label (self->error_button, button_label);
      /* Read without its mnemonic (GTK 4.8 reads "_Move …" otherwise) */
      for (const char *c = button_label; *c != '\0'; c++)
        if (*c != '_')
          g_string_append_c (spoken, *c);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_button),
                          button_label != NULL && action_name != NULL);

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

void
calbook_window_show_booking (CalbookWindow *self,
                             const char    *uid)
{
  g_autoptr(CalbookBooking) booking = NULL;
  g_autoptr(GDateTime) start = NULL;

  g_return_if_fail (CALBOOK_IS_WINDOW (self));
  g_return_if_fail (uid != NULL);

  if (self->context == NULL)
    return;

  booking = calbook_store_get_booking (calbook_context_get_store (self->context), uid, NULL);
  if (booking == NULL)
    return;

  /* The views go where the booking is: its status view and its day */
  calbook_window_set_status_view (self, status_view_names[status_view_for (self, booking)]);
  start = g_date_time_new_from_unix_local (calbook_booking_get_start (booking));
  if (start != NULL && self->view != NULL)
    calbook_view_set_date (self->view, start);

  set_selected (self, booking);
  if (self->view != NULL)
    calbook_view_set_selected_booking (self->view, booking);

  /* The person asked for this booking: it stays in the details even where the
   * view cannot show it (e.g. the agenda does not reach that far) */
  set_selected (self, booking);
  update_details_pane (self, TRUE);
}

void
calbook_window_show_welcome (CalbookWindow *self,
                             const char    *base_url,
                             const char    *message)
{
  g_return_if_fail (CALBOOK_IS_WINDOW (self));

  calbook_window_set_context (self, NULL);
  calbook_welcome_page_set_base_url (self->welcome_page, base_url);
  calbook_welcome_page_set_message (self->welcome_page, message);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

void
calbook_window_add_toast (CalbookWindow *self,
                          const char    *text)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (CALBOOK_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  /* Toast titles are markup: the text may carry Cal.com's words */
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
calbook_window_set_remember_state (CalbookWindow *self,
                                   gboolean       remember)
{
  g_return_if_fail (CALBOOK_IS_WINDOW (self));

  self->remember_state = !!remember;
}

void
calbook_window_set_subtitle (CalbookWindow *self,
                             const char    *subtitle)
{
  g_return_if_fail (CALBOOK_IS_WINDOW (self));

  set_account_line (self, subtitle);
}

CalbookBookingList *
calbook_window_get_booking_list (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return calbook_agenda_view_get_list (self->agenda_view);
}

GtkListView *
calbook_window_get_list_view (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return calbook_agenda_view_get_list_view (self->agenda_view);
}

GtkSearchEntry *
calbook_window_get_search_entry (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->search_entry;
}

CalbookView *
calbook_window_get_view (CalbookWindow *self,
                         const char    *name)
{
  GtkWidget *child;

  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  child = adw_view_stack_get_child_by_name (self->view_stack, name);

  return child != NULL && CALBOOK_IS_VIEW (child) ? CALBOOK_VIEW (child) : NULL;
}

GtkLabel *
calbook_window_get_status_count_label (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->status_unconfirmed_count;
}

CalbookBookingDetails *
calbook_window_get_details (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->details;
}

CalbookWelcomePage *
calbook_window_get_welcome_page (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->welcome_page;
}

const char *
calbook_window_get_visible_page (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * calbook_window_show_outbox:
 * @self: a #CalbookWindow
 *
 * Opens "Changes Not Sent" (or brings it forward when it is open).
 *
 * Returns: (transfer none) (nullable): that window; %NULL before sign-in
 */
GtkWindow *
calbook_window_show_outbox (CalbookWindow *self)
{
  GListModel *toplevels;
  CalbookOutboxWindow *outbox;

  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  if (self->context == NULL)
    return NULL;

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CALBOOK_IS_OUTBOX_WINDOW (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        {
          calbook_outbox_window_reload (CALBOOK_OUTBOX_WINDOW (window));
          gtk_window_present (window);
          return window;
        }
    }

  outbox = calbook_outbox_window_new (GTK_WINDOW (self), self->context);
  gtk_window_present (GTK_WINDOW (outbox));

  return GTK_WINDOW (outbox);
}

GtkButton *
calbook_window_get_banner_button (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->banner_button;
}

GtkLabel *
calbook_window_get_banner_label (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->banner_label;
}

GtkLabel *
calbook_window_get_banner_detail_label (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->banner_detail_label;
}

static GtkWidget *
find_part (GtkWidget  *widget,
           const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_part (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* For the GUI tests: a part of the window by its id in the template */
GtkWidget *
calbook_window_get_part (CalbookWindow *self,
                         const char    *id)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_part (GTK_WIDGET (self), id);
}

/**
 * calbook_window_get_selected_booking:
 * @self: a #CalbookWindow
 *
 * Returns: (transfer none) (nullable): the booking the details show
 */
CalbookBooking *
calbook_window_get_selected_booking (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->selected;
}

void
calbook_window_set_selected_booking (CalbookWindow  *self,
                                     CalbookBooking *booking)
{
  g_return_if_fail (CALBOOK_IS_WINDOW (self));
  g_return_if_fail (booking == NULL || CALBOOK_IS_BOOKING (booking));

  set_selected (self, booking);
  self->moving_view = TRUE;
  if (self->view != NULL)
    calbook_view_set_selected_booking (self->view, booking);
  self->moving_view = FALSE;
}

/**
 * calbook_window_get_view_name:
 * @self: a #CalbookWindow
 *
 * Returns: "agenda", "week" or "month"
 */
const char *
calbook_window_get_view_name (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
calbook_window_set_view_name (CalbookWindow *self,
                              const char    *name)
{
  g_return_if_fail (CALBOOK_IS_WINDOW (self));

  if (name == NULL || adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * calbook_window_get_status_view:
 * @self: a #CalbookWindow
 *
 * Returns: "upcoming", "unconfirmed", "recurring", "past" or "cancelled"
 */
const char *
calbook_window_get_status_view (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return status_view_names[self->status_view];
}

void
calbook_window_set_status_view (CalbookWindow *self,
                                const char    *name)
{
  g_return_if_fail (CALBOOK_IS_WINDOW (self));

  for (guint i = 0; i < N_STATUS_VIEWS; i++)
    {
      if (g_strcmp0 (name, status_view_names[i]) != 0)
        continue;
      if (self->status_view == (StatusView) i)
        return;

      self->status_view = i;
      update_status_menu (self);
      update_views (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_VIEW]);
      return;
    }
}

/**
 * calbook_window_search:
 * @self: a #CalbookWindow
 * @text: what to look for
 *
 * Opens the search with @text, in the agenda so that every booking found is
 * listed (the Shell's "show all results").
 */
void
calbook_window_search (CalbookWindow *self,
                       const char    *text)
{
  g_return_if_fail (CALBOOK_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  calbook_window_set_view_name (self, "agenda");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
