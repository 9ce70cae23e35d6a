/* calbook-booking-details.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "calbook-bidi.h"
#include "calbook-booking-actions.h"
#include "calbook-booking-details.h"
#include "calbook-booking-text.h"
#include "calbook-context.h"
#include "calbook-format.h"
#include "calbook-input.h"
#include "calbook-location.h"

/*
 * One booking, read like a person's card: the client and the time first,
 * then what can be done, where, who, notes and history. Values lead and
 * labels stay quiet (a row's title is the value, its subtitle the label).
 * Raw ids are only behind the menu's "Copy ID".
 *
 * Everything from Cal.com is set as plain text: labels and rows have
 * markup off.
 */

#define RESOURCE_PATH "/io/github/calbook/Calbook/"

struct _CalbookBookingDetails
{
  GtkWidget          parent_instance;

  CalbookBooking    *booking;
  CalbookStore      *store;
  char              *unsent;
  CalbookLocation   *location;

  /* Rows made for the shown booking (people, history), removed on change */
  GPtrArray         *made_rows;

  /* Template widgets */
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  GtkBox            *content_box;
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkLabel          *status_label;
  GtkLabel          *time_label;
  GtkMenuButton     *more_button;
  GtkWidget         *unsent_box;
  GtkLabel          *unsent_label;
  GtkWidget         *action_box;
  GtkWidget         *confirm_button;
  GtkWidget         *decline_button;
  GtkWidget         *join_button;
  GtkWidget         *reschedule_button;
  GtkWidget         *cancel_button;
  AdwPreferencesGroup *where_group;
  AdwActionRow      *location_row;
  GtkImage          *location_icon;
  GtkWidget         *copy_location_button;
  GtkWidget         *map_button;
  AdwPreferencesGroup *attendees_group;
  AdwPreferencesGroup *hosts_group;
  AdwPreferencesGroup *notes_group;
  GtkLabel          *notes_label;
  AdwPreferencesGroup *history_group;
};

G_DEFINE_FINAL_TYPE (CalbookBookingDetails, calbook_booking_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
show_action (GtkWidget *button,
             gboolean   visible)
{
  gtk_widget_set_visible (button, visible);
}

static void
clear_made_rows (CalbookBookingDetails *self)
{
  for (guint i = 0; i < self->made_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->made_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->made_rows, 0);
}

static GtkWidget *
add_row (CalbookBookingDetails *self,
         AdwPreferencesGroup   *group,
         const char            *value,
         const char            *label,
         const char            *icon_name)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *shown_value = calbook_booking_text_shorten (value);
  g_autofree char *shown_label = calbook_booking_text_shorten_notes (label);

  /* Cal.com's words are never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_value);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (shown_label != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown_label);
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->made_rows, row);

  return row;
}

/* "Berlin, CET": the zone's city and its abbreviation at @when */
static char *
describe_zone (const char *zone_id,
               gint64      when)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) there = NULL;
  g_autofree char *abbreviation = NULL;
  g_autofree char *city = NULL;
  const char *slash;

  if (calbook_input_is_blank (zone_id))
    return NULL;

  zone = g_time_zone_new_identifier (zone_id);
  if (zone == NULL)
    return g_strdup (zone_id);

  utc = g_date_time_new_from_unix_utc (when);
  if (utc == NULL || (there = g_date_time_to_timezone (utc, zone)) == NULL)
    return g_strdup (zone_id);

  slash = strrchr (zone_id, '/');
  city = g_strdelimit (g_strdup (slash != NULL ? slash + 1 : zone_id), "_", ' ');
  abbreviation = g_date_time_format (there, "%Z");

  /* Zones without a name have "+03": say it as an offset from UTC */
  if (abbreviation != NULL && (abbreviation[0] == '+' || abbreviation[0] == '-'))
    {
      g_autofree char *offset = g_steal_pointer (&abbreviation);
      abbreviation = g_strdup_printf ("UTC%s", offset);
    }

  if (abbreviation == NULL || g_str_equal (abbreviation, city))
    return g_steal_pointer (&city);

  /* Translators: a time zone, e.g. "Berlin, CET" */
  return g_strdup_printf (_("%s, %s"), city, abbreviation);
}

static gboolean
same_zone_as_here (const char *zone_id,
                   gint64      when)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  int interval_there;
  int interval_here;

  if (calbook_input_is_blank (zone_id) || (zone = g_time_zone_new_identifier (zone_id)) == NULL)
    return TRUE;

  interval_there = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, when);
  interval_here = g_time_zone_find_interval (local, G_TIME_TYPE_UNIVERSAL, when);

  return g_time_zone_get_offset (zone, interval_there) ==
         g_time_zone_get_offset (local, interval_here);
}

/* The signed-in account, from the window's context (NULL before one) */
static CalbookAccount *
get_account (CalbookBookingDetails *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(CalbookContext) context = NULL;

  if (root == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (root), "context") == NULL)
    return NULL;

  g_object_get (root, "context", &context, NULL);

  return context != NULL ? calbook_context_get_account (context) : NULL;
}

static gboolean
is_user (CalbookBookingDetails *self,
         const CalbookPerson   *person)
{
  CalbookAccount *account = get_account (self);
  const char *email;

  if (account == NULL)
    return FALSE;

  if (person->user_id > 0 && person->user_id == calbook_account_get_user_id (account))
    return TRUE;

  email = calbook_account_get_email (account);

  return !calbook_input_is_blank (email) && !calbook_input_is_blank (person->email) &&
         g_ascii_strcasecmp (email, person->email) == 0;
}

static void
update_header (CalbookBookingDetails *self)
{
  CalbookBooking *b = self->booking;
  GPtrArray *attendees = calbook_booking_get_attendees (b);
  CalbookBookingStatus status = calbook_booking_get_status (b);
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *what = NULL;
  g_autofree char *event_type = NULL;
  g_autofree char *short_event_type = NULL;
  g_autofree char *shown_title = NULL;
  const char *title = NULL;
  const char *event_title = calbook_booking_get_title (b);

  /* The client leads; the booking's own title says what it is about */
  if (attendees->len > 0)
    title = calbook_person_get_label (g_ptr_array_index (attendees, 0));
  if (calbook_input_is_blank (title))
    title = event_title;
  if (calbook_input_is_blank (title))
    title = _("Untitled booking");
  shown_title = calbook_booking_text_shorten (title);
  gtk_label_set_text (self->title_label, shown_title);

  event_type = calbook_format_event_type (b);
  short_event_type = calbook_booking_text_shorten (event_type);
  /* Set apart: a title with a right-to-left override would reverse the length */
  what = calbook_bidi_isolate (short_event_type);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d minute", "%s · %d minutes",
                                           calbook_booking_get_duration (b)),
                              what, calbook_booking_get_duration (b));
  gtk_label_set_text (self->subtitle_label, subtitle);

  /* The status only where it is not the normal case */
  gtk_widget_set_visible (GTK_WIDGET (self->status_label),
                          status != CALBOOK_BOOKING_STATUS_CONFIRMED ||
                          calbook_booking_get_absent_host (b));
  gtk_label_set_text (self->status_label, calbook_booking_get_absent_host (b) &&
                                          status == CALBOOK_BOOKING_STATUS_CONFIRMED
                                            ? _("Host no-show")
                                            : calbook_booking_get_status_label (b));
  for (CalbookBookingStatus s = CALBOOK_BOOKING_STATUS_PENDING; s <= CALBOOK_BOOKING_STATUS_OTHER; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), calbook_format_status_class (s));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), calbook_format_status_class (status));

  when = calbook_format_time_range (calbook_booking_get_start (b), calbook_booking_get_end (b));
  gtk_label_set_text (self->time_label, when);

  gtk_widget_set_visible (self->unsent_box, self->unsent != NULL);
  gtk_label_set_text (self->unsent_label, self->unsent != NULL ? self->unsent : "");
}

static void
update_actions (CalbookBookingDetails *self)
{
  CalbookBooking *b = self->booking;
  gboolean pending = calbook_booking_actions_is_enabled (b, "confirm");
  gboolean join = calbook_location_get_join_url (self->location) != NULL &&
                  calbook_booking_actions_is_enabled (b, "reschedule");

  calbook_booking_actions_update (GTK_WIDGET (self), b);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.join", join);

  /* Not twice: an answer already on its way is shown by the note above */
  show_action (self->confirm_button,
               self->unsent == NULL && calbook_booking_actions_is_enabled (b, "confirm"));
  show_action (self->decline_button,
               self->unsent == NULL && calbook_booking_actions_is_enabled (b, "decline"));
  show_action (self->join_button, join);
  /* A request is answered first; moving or cancelling it is in the menu.
   * While a change waits to be sent, the note above leads to it instead */
  show_action (self->reschedule_button, !pending && self->unsent == NULL &&
                                        calbook_booking_actions_is_enabled (b, "reschedule"));
  show_action (self->cancel_button, !pending && self->unsent == NULL &&
                                    calbook_booking_actions_is_enabled (b, "cancel"));

  /* No empty strip when nothing applies */
  gtk_widget_set_visible (self->action_box,
                          gtk_widget_get_visible (self->confirm_button) ||
                          gtk_widget_get_visible (self->decline_button) ||
                          gtk_widget_get_visible (self->join_button) ||
                          gtk_widget_get_visible (self->reschedule_button) ||
                          gtk_widget_get_visible (self->cancel_button));
}

static void
update_where (CalbookBookingDetails *self)
{
  CalbookLocation *location = self->location;
  CalbookLocationType type = calbook_location_get_location_type (location);
  g_autofree char *text = calbook_location_dup_display_text (location);
  g_autofree char *title = calbook_booking_text_shorten (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->location_row),
                                 title != NULL ? title : _("No place set"));
  adw_action_row_set_subtitle (self->location_row, calbook_location_type_to_label (type));
  gtk_image_set_from_icon_name (self->location_icon, calbook_location_type_to_icon_name (type));
  gtk_widget_set_visible (self->copy_location_button, calbook_location_get_copy_text (location) != NULL);
  gtk_widget_set_visible (self->map_button, type == CALBOOK_LOCATION_TYPE_ADDRESS);
}

static char *
describe_person (const CalbookPerson *person,
                 CalbookBooking      *b)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  /* Each part set apart from the others (see calbook_bidi_isolate()) */
  if (!calbook_input_is_blank (person->email))
    g_ptr_array_add (parts, calbook_bidi_isolate (person->email));
  if (!calbook_input_is_blank (person->phone))
    g_ptr_array_add (parts, calbook_bidi_isolate (person->phone));

  /* Their own clock, where it differs from this computer's */
  if (!same_zone_as_here (person->time_zone, calbook_booking_get_start (b)))
    {
      g_autofree char *range = calbook_format_time_range_in_zone (calbook_booking_get_start (b),
                                                                  calbook_booking_get_end (b),
                                                                  person->time_zone);
      g_autofree char *zone = describe_zone (person->time_zone, calbook_booking_get_start (b));

      if (range != NULL)
        /* Translators: an attendee's local time, e.g. "Today 09:00–09:30 (Berlin, CET)" */
        g_ptr_array_add (parts, g_strdup_printf (_("%s (%s)"), range, zone));
    }

  if (person->absent)
    g_ptr_array_add (parts, g_strdup (_("No-show")));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* The user's own name is not news on their own booking: hosts who are the
 * user are left out (an admin looking at a member's booking sees the member) */
static void
add_people (CalbookBookingDetails *self,
            AdwPreferencesGroup   *group,
            GPtrArray             *people,
            gboolean               skip_user)
{
  guint shown = 0;

  for (guint i = 0; i < people->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (people, i);
      g_autofree char *description = NULL;
      const char *name = calbook_person_get_label (person);

      if (skip_user && is_user (self, person))
        continue;

      description = describe_person (person, self->booking);
      add_row (self, group, calbook_input_is_blank (name) ? _("Unnamed") : name, description,
               "avatar-default-symbolic");
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (group), shown > 0);
}

static void
update_people (CalbookBookingDetails *self)
{
  GPtrArray *guests = calbook_booking_get_guests (self->booking);

  add_people (self, self->attendees_group, calbook_booking_get_attendees (self->booking), FALSE);
  for (guint i = 0; i < guests->len; i++)
    add_row (self, self->attendees_group, g_ptr_array_index (guests, i), _("Guest"),
             "contact-new-symbolic");
  if (guests->len > 0)
    gtk_widget_set_visible (GTK_WIDGET (self->attendees_group), TRUE);

  add_people (self, self->hosts_group, calbook_booking_get_hosts (self->booking), TRUE);
}

static void
update_notes (CalbookBookingDetails *self)
{
  const char *notes = calbook_booking_get_notes (self->booking);
  const char *description = calbook_booking_get_description (self->booking);
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  /* Cal.com often repeats the notes in the description: once is enough */
  if (!calbook_input_is_blank (notes) && !calbook_input_is_blank (description) && strstr (description, notes) == NULL)
    text = g_strdup_printf ("%s\n\n%s", notes, description);
  else if (!calbook_input_is_blank (notes))
    text = g_strdup (notes);
  else if (!calbook_input_is_blank (description))
    text = g_strdup (description);

  shown = calbook_booking_text_shorten_notes (text);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), shown != NULL);
  gtk_label_set_text (self->notes_label, shown != NULL ? shown : "");
}

/* Who did something, by e-mail: "you", a name from the booking, else the e-mail */
static char *
describe_actor (CalbookBookingDetails *self,
                const char            *email)
{
  GPtrArray *people[2] = { calbook_booking_get_hosts (self->booking),
                           calbook_booking_get_attendees (self->booking) };
  CalbookAccount *account = get_account (self);

  if (calbook_input_is_blank (email))
    return NULL;

  if (account != NULL && !calbook_input_is_blank (calbook_account_get_email (account)) &&
      g_ascii_strcasecmp (calbook_account_get_email (account), email) == 0)
    /* Translators: who changed a booking, in "by you because …" */
    return g_strdup (_("you"));

  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    for (guint i = 0; i < people[p]->len; i++)
      {
        const CalbookPerson *person = g_ptr_array_index (people[p], i);

        if (!calbook_input_is_blank (person->name) && !calbook_input_is_blank (person->email) &&
            g_ascii_strcasecmp (person->email, email) == 0)
          return g_strdup (person->name);
      }

  return g_strdup (email);
}

/* "by Anna because the room is taken" */
static char *
by_because (CalbookBookingDetails *self,
            const char            *email,
            const char            *why)
{
  g_autofree char *actor = describe_actor (self, email);
  g_autofree char *who = calbook_bidi_isolate (actor);
  g_autofree char *because = calbook_bidi_isolate (why);

  why = because;
  if (who != NULL && !calbook_input_is_blank (why))
    /* Translators: who did something to a booking, and why */
    return g_strdup_printf (_("by %s because “%s”"), who, why);
  if (who != NULL)
    return g_strdup_printf (_("by %s"), who);
  if (!calbook_input_is_blank (why))
    return g_strdup_printf (_("because “%s”"), why);

  return NULL;
}

static char *
describe_linked_time (CalbookBookingDetails *self,
                      const char            *uid)
{
  g_autoptr(CalbookBooking) other = NULL;

  if (self->store != NULL && !calbook_input_is_blank (uid))
    other = calbook_store_get_booking (self->store, uid, NULL);
  if (other == NULL)
    return NULL;

  return calbook_format_time_range (calbook_booking_get_start (other),
                                    calbook_booking_get_end (other));
}

static void
update_history (CalbookBookingDetails *self)
{
  CalbookBooking *b = self->booking;
  CalbookBookingStatus status = calbook_booking_get_status (b);
  const char *from_uid = calbook_booking_get_rescheduled_from_uid (b);
  g_autofree char *booked = calbook_format_date_time (calbook_booking_get_created_at (b));
  g_autofree char *why = NULL;

  add_row (self, self->history_group, booked, _("Booked"), NULL);

  /* The new half of a move: where it came from */
  if (!calbook_input_is_blank (from_uid))
    {
      g_autofree char *when = describe_linked_time (self, from_uid);
      g_autofree char *moved = NULL;

      why = by_because (self, calbook_booking_get_rescheduled_by_email (b),
                        calbook_booking_get_rescheduling_reason (b));
      if (when != NULL)
        /* Translators: %s is the time a booking had before it was moved */
        moved = g_strdup_printf (_("Moved from %s"), when);
      else
        moved = g_strdup (_("Moved from another time"));
      add_row (self, self->history_group, moved, why, "mail-forward-symbolic");
      g_clear_pointer (&why, g_free);
    }

  switch (status)
    {
    case CALBOOK_BOOKING_STATUS_RESCHEDULED:
      {
        g_autofree char *when = describe_linked_time (self, calbook_booking_get_rescheduled_to_uid (b));
        g_autofree char *moved = NULL;

        why = by_because (self, calbook_booking_get_rescheduled_by_email (b),
                          calbook_booking_get_rescheduling_reason (b));
        if (when != NULL)
          /* Translators: %s is the time a booking was moved to */
          moved = g_strdup_printf (_("Moved to %s"), when);
        else
          moved = g_strdup (_("Moved to another time"));
        add_row (self, self->history_group, moved, why, "mail-forward-symbolic");
      }
      break;

    case CALBOOK_BOOKING_STATUS_CANCELLED:
      why = by_because (self, calbook_booking_get_cancelled_by_email (b),
                        calbook_booking_get_cancellation_reason (b));
      add_row (self, self->history_group, _("Cancelled"), why, "edit-delete-symbolic");
      break;

    case CALBOOK_BOOKING_STATUS_DECLINED:
      why = by_because (self, NULL, calbook_booking_get_rejection_reason (b));
      add_row (self, self->history_group, _("Declined"), why, "edit-delete-symbolic");
      break;

    case CALBOOK_BOOKING_STATUS_PENDING:
    case CALBOOK_BOOKING_STATUS_CONFIRMED:
    case CALBOOK_BOOKING_STATUS_OTHER:
    default:
      break;
    }

  if (calbook_booking_get_recurring_booking_uid (b) != NULL)
    add_row (self, self->history_group, _("Part of a recurring series"), NULL,
             "media-playlist-repeat-symbolic");
}

/* Returns whether the focus was in the content (and so was taken away) */
static gboolean
take_focus_from_rows (CalbookBookingDetails *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Unset the focus before its widget goes: GTK 4.8 otherwise keeps a
   * dangling focus child and warns at the next allocation */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->content_box)))
    {
      gtk_root_set_focus (root, NULL);
      return TRUE;
    }

  return FALSE;
}

static void
update_details (CalbookBookingDetails *self,
                gboolean               new_booking)
{
  gboolean had_focus;

  g_assert (CALBOOK_IS_BOOKING_DETAILS (self));

  had_focus = take_focus_from_rows (self);
  clear_made_rows (self);
  g_clear_pointer (&self->location, calbook_location_free);

  if (self->booking == NULL)
    {
      calbook_booking_actions_update (GTK_WIDGET (self), NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.join", FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->location = calbook_location_new_for_booking (self->booking);

  update_header (self);
  update_actions (self);
  update_where (self);
  update_people (self);
  update_notes (self);
  update_history (self);

  gtk_stack_set_visible_child_name (self->stack, "details");

  /* Each booking opens at its top; a refresh of the same one stays put */
  if (new_booking)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  /* Keyboard users stay in the details */
  if (had_focus)
    gtk_widget_child_focus (GTK_WIDGET (self->content_box), GTK_DIR_TAB_FORWARD);
}

/* Actions */

static CalbookBooking *
lookup_booking (GtkWidget *widget)
{
  return CALBOOK_BOOKING_DETAILS (widget)->booking;
}

static void
join_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CalbookBookingDetails *self = CALBOOK_BOOKING_DETAILS (widget);
  const char *url = calbook_location_get_join_url (self->location);

  if (url != NULL)
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), url, GDK_CURRENT_TIME);
}

static void
copy_location_activated_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CalbookBookingDetails *self = CALBOOK_BOOKING_DETAILS (widget);
  const char *text = calbook_location_get_copy_text (self->location);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
open_map_activated_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CalbookBookingDetails *self = CALBOOK_BOOKING_DETAILS (widget);
  const char *address = calbook_location_get_copy_text (self->location);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;

  if (address == NULL)
    return;

  /* The geo: scheme opens the desktop's maps application (GNOME Maps) */
  escaped = g_uri_escape_string (address, NULL, FALSE);
  uri = g_strdup_printf ("geo:0,0?q=%s", escaped);
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
}

/* GObject overrides */

static void
calbook_booking_details_dispose (GObject *object)
{
  CalbookBookingDetails *self = (CalbookBookingDetails *)object;

  g_ptr_array_set_size (self->made_rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_BOOKING_DETAILS);
  g_clear_object (&self->booking);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (calbook_booking_details_parent_class)->dispose (object);
}

static void
calbook_booking_details_finalize (GObject *object)
{
  CalbookBookingDetails *self = (CalbookBookingDetails *)object;

  g_free (self->unsent);
  g_clear_pointer (&self->location, calbook_location_free);
  g_clear_pointer (&self->made_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (calbook_booking_details_parent_class)->finalize (object);
}

static void
calbook_booking_details_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CalbookBookingDetails *self = CALBOOK_BOOKING_DETAILS (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      g_value_set_object (value, self->booking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_booking_details_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CalbookBookingDetails *self = CALBOOK_BOOKING_DETAILS (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      calbook_booking_details_set_booking (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_booking_details_class_init (CalbookBookingDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_booking_details_dispose;
  object_class->finalize = calbook_booking_details_finalize;
  object_class->get_property = calbook_booking_details_get_property;
  object_class->set_property = calbook_booking_details_set_property;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL,
                         CALBOOK_TYPE_BOOKING,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "calbook-booking-details.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, content_box);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, status_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, time_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, more_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, unsent_box);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, unsent_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, action_box);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, decline_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, join_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, reschedule_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, where_group);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, location_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, location_icon);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, copy_location_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, map_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, attendees_group);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, hosts_group);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, notes_group);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, notes_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, history_group);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  calbook_booking_actions_install (widget_class, lookup_booking);
  gtk_widget_class_install_action (widget_class, "details.join", NULL, join_activated_cb);
  gtk_widget_class_install_action (widget_class, "details.copy-location", NULL,
                                   copy_location_activated_cb);
  gtk_widget_class_install_action (widget_class, "details.open-map", NULL, open_map_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "booking.cancel", NULL);
}

static void
calbook_booking_details_init (CalbookBookingDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->made_rows = g_ptr_array_new ();
  gtk_menu_button_set_menu_model (self->more_button, calbook_booking_actions_get_menu ());
  update_details (self, TRUE);
}

/* Public API */

GtkWidget *
calbook_booking_details_new (void)
{
  return g_object_new (CALBOOK_TYPE_BOOKING_DETAILS, NULL);
}

CalbookBooking *
calbook_booking_details_get_booking (CalbookBookingDetails *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_DETAILS (self), NULL);

  return self->booking;
}

void
calbook_booking_details_set_booking (CalbookBookingDetails *self,
                                     CalbookBooking        *booking)
{
  gboolean new_booking;

  g_return_if_fail (CALBOOK_IS_BOOKING_DETAILS (self));
  g_return_if_fail (booking == NULL || CALBOOK_IS_BOOKING (booking));

  new_booking = self->booking == NULL || booking == NULL ||
                g_strcmp0 (calbook_booking_get_uid (self->booking),
                           calbook_booking_get_uid (booking)) != 0;

  /* Always rebuild: a refreshed copy of the same booking may carry new fields */
  g_set_object (&self->booking, booking);
  update_details (self, new_booking);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKING]);
}

void
calbook_booking_details_set_store (CalbookBookingDetails *self,
                                   CalbookStore          *store)
{
  g_return_if_fail (CALBOOK_IS_BOOKING_DETAILS (self));
  g_return_if_fail (store == NULL || CALBOOK_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * calbook_booking_details_set_unsent:
 * @self: a #CalbookBookingDetails
 * @message: (nullable): what about the shown booking waits to be sent, or
 *   %NULL when nothing does
 */
void
calbook_booking_details_set_unsent (CalbookBookingDetails *self,
                                    const char            *message)
{
  g_return_if_fail (CALBOOK_IS_BOOKING_DETAILS (self));

  if (g_strcmp0 (self->unsent, message) == 0)
    return;

  g_free (self->unsent);
  self->unsent = g_strdup (message);
  update_details (self, FALSE);
}
