/* calbook-booking-details.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "calbook-booking-details.h"
#include "calbook-format.h"

/*
 * Every field of one booking, read-only. All values come from Cal.com and
 * are set as plain text: rows have use-markup off, labels use
 * gtk_label_set_text.
 */

#define RESOURCE_PATH "/io/github/calbook/Calbook/"

struct _CalbookBookingDetails
{
  GtkWidget       parent_instance;

  CalbookBooking *booking;
  CalbookStore   *store;
  char           *unsent;

  /* Template widgets */
  GtkBox         *content_box;
  GtkStack       *stack;
};

G_DEFINE_FINAL_TYPE (CalbookBookingDetails, calbook_booking_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static GtkWidget *
add_group (CalbookBookingDetails *self,
           const char            *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  g_assert (CALBOOK_IS_BOOKING_DETAILS (self));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->content_box, group);

  return group;
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *value)
{
  GtkWidget *row;

  g_assert (ADW_IS_PREFERENCES_GROUP (group));

  if (is_blank (value))
    return NULL;

  row = adw_action_row_new ();
  /* Cal.com text is never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

static char *
describe_person (const CalbookPerson *person)
{
  GPtrArray *parts = g_ptr_array_new ();
  char *text;

  g_assert (person != NULL);

  if (!is_blank (person->email))
    g_ptr_array_add (parts, person->email);
  if (!is_blank (person->phone))
    g_ptr_array_add (parts, person->phone);
  if (!is_blank (person->time_zone))
    g_ptr_array_add (parts, person->time_zone);
  if (person->absent)
    g_ptr_array_add (parts, _("No-show"));
  g_ptr_array_add (parts, NULL);

  text = g_strjoinv (" · ", (char **)parts->pdata);
  g_ptr_array_free (parts, TRUE);

  return text;
}

static void
add_people (GtkWidget *group,
            GPtrArray *people)
{
  g_assert (ADW_IS_PREFERENCES_GROUP (group));

  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (people, i);
      g_autofree char *description = describe_person (person);
      const char *name = calbook_person_get_label (person);
      GtkWidget *row;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     is_blank (name) ? _("Unnamed") : name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

/* Names the other half of a reschedule by its time when the store has it */
static char *
describe_linked_booking (CalbookBookingDetails *self,
                         const char            *uid)
{
  g_autoptr(CalbookBooking) other = NULL;

  g_assert (CALBOOK_IS_BOOKING_DETAILS (self));

  if (is_blank (uid))
    return NULL;

  if (self->store != NULL)
    other = calbook_store_get_booking (self->store, uid, NULL);

  if (other != NULL)
    {
      g_autofree char *when = calbook_format_time_range (calbook_booking_get_start (other),
                                                         calbook_booking_get_end (other));
      return g_strdup_printf ("%s (%s)", when, uid);
    }

  return g_strdup (uid);
}

static void
add_actions (CalbookBookingDetails *self)
{
  const char *uid = calbook_booking_get_uid (self->booking);
  const char *meeting_url = calbook_booking_get_meeting_url (self->booking);
  CalbookBookingStatus status = calbook_booking_get_status (self->booking);
  GtkWidget *box;

  g_assert (CALBOOK_IS_BOOKING_DETAILS (self));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_START);

  /* Not twice: an answer already on its way is shown by the note above */
  if (status == CALBOOK_BOOKING_STATUS_PENDING && self->unsent == NULL)
    {
      GtkWidget *confirm = gtk_button_new_with_mnemonic (_("_Confirm"));
      GtkWidget *decline = gtk_button_new_with_mnemonic (_("_Decline"));

      gtk_widget_add_css_class (confirm, "suggested-action");
      gtk_widget_add_css_class (confirm, "pill");
      gtk_widget_add_css_class (decline, "pill");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (confirm), "app.confirm-booking");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (confirm), "s", uid);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (decline), "app.decline-booking");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (decline), "s", uid);
      gtk_box_append (GTK_BOX (box), confirm);
      gtk_box_append (GTK_BOX (box), decline);
    }

  if ((status == CALBOOK_BOOKING_STATUS_CONFIRMED || status == CALBOOK_BOOKING_STATUS_PENDING) &&
      !is_blank (meeting_url))
    {
      GtkWidget *join = gtk_button_new_with_mnemonic (_("_Join Meeting"));

      gtk_widget_add_css_class (join, "pill");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (join), "app.join-booking");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (join), "s", uid);
      gtk_box_append (GTK_BOX (box), join);
    }

  if (gtk_widget_get_first_child (box) != NULL)
    {
      gtk_box_append (self->content_box, box);
    }
  else
    {
      g_object_ref_sink (box);
      g_object_unref (box);
    }
}

/* A change made here that Cal.com does not have yet: say so, and lead to
 * "Changes Not Sent" (win.show-outbox) where it can be retried or discarded */
static void
add_outbox_note (CalbookBookingDetails *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *uid = calbook_booking_get_uid (self->booking);
  const char *text = NULL;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *label;
  GtkWidget *button;

  g_assert (CALBOOK_IS_BOOKING_DETAILS (self));

  if (self->store == NULL || uid == NULL)
    return;

  entries = calbook_store_outbox_list (self->store, &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the outbox: %s", error->message);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->booking_uid, uid) != 0)
        continue;

      if (entry->state == CALBOOK_OUTBOX_STATE_FAILED)
        {
          text = _("Cal.com refused a change to this booking; it is kept until you retry or "
                   "discard it");
          break;
        }

      text = _("A change to this booking is not sent yet");
    }

  if (text == NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "calbook-outbox-note");
  gtk_widget_add_css_class (box, "card");
  icon = gtk_image_new_from_icon_name ("document-open-recent-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  button = gtk_button_new_with_mnemonic (_("_Review"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-outbox");
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (self->content_box, box);
}

/* Returns whether the focus was in the content (and so was taken away) */
static gboolean
clear_content (CalbookBookingDetails *self)
{
  GtkWidget *child;
  GtkWidget *focus = NULL;
  GtkRoot *root;
  gboolean had_focus = FALSE;

  g_assert (CALBOOK_IS_BOOKING_DETAILS (self));

  /* Unset the focus before its widget goes: GTK 4.8 otherwise keeps a
   * dangling focus child and warns at the next allocation */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root != NULL)
    focus = gtk_root_get_focus (root);
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->content_box)))
    {
      gtk_root_set_focus (root, NULL);
      had_focus = TRUE;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);

  return had_focus;
}

static void
update_details (CalbookBookingDetails *self)
{
  g_autofree char *when = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *id = NULL;
  g_autofree char *rating = NULL;
  GPtrArray *guests;
  CalbookBooking *b = self->booking;
  GtkWidget *header;
  GtkWidget *title;
  GtkWidget *subtitle_box;
  GtkWidget *status;
  GtkWidget *time_label;
  GtkWidget *group;
  const char *text;
  gboolean had_focus;

  g_assert (CALBOOK_IS_BOOKING_DETAILS (self));

  had_focus = clear_content (self);

  if (b == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  when = calbook_format_time_range (calbook_booking_get_start (b), calbook_booking_get_end (b));

  /* Title, status and time */
  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  text = calbook_booking_get_title (b);
  title = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (title), is_blank (text) ? _("Untitled booking") : text);
  gtk_label_set_use_markup (GTK_LABEL (title), FALSE);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "details-title");
  gtk_box_append (GTK_BOX (header), title);

  subtitle_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  status = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (status), calbook_booking_get_status_label (b));
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "booking-status");
  gtk_widget_add_css_class (status, calbook_format_status_class (calbook_booking_get_status (b)));
  gtk_box_append (GTK_BOX (subtitle_box), status);
  time_label = gtk_label_new (when);
  gtk_label_set_xalign (GTK_LABEL (time_label), 0);
  gtk_label_set_wrap (GTK_LABEL (time_label), TRUE);
  gtk_widget_add_css_class (time_label, "title-4");
  gtk_box_append (GTK_BOX (subtitle_box), time_label);
  gtk_box_append (GTK_BOX (header), subtitle_box);
  gtk_box_append (self->content_box, header);

  /* A change made here that Cal.com has not confirmed yet (docs/architecture.md §5) */
  if (self->unsent != NULL)
    {
      GtkWidget *note = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (NULL);

      gtk_box_append (GTK_BOX (note), gtk_image_new_from_icon_name ("emblem-synchronizing-symbolic"));
      gtk_label_set_text (GTK_LABEL (label), self->unsent);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (note), label);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (header), note);
    }

  add_actions (self);
  add_outbox_note (self);

  /* When */
  start = calbook_format_date_time (calbook_booking_get_start (b));
  end = calbook_format_date_time (calbook_booking_get_end (b));
  duration = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                           calbook_booking_get_duration (b)),
                              calbook_booking_get_duration (b));
  group = add_group (self, _("When"));
  add_row (group, _("Starts"), start);
  add_row (group, _("Ends"), end);
  add_row (group, _("Duration"), duration);

  /* The attendee's own clock, where it differs (docs/architecture.md §5) */
  for (guint i = 0; i < calbook_booking_get_attendees (b)->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (calbook_booking_get_attendees (b), i);
      g_autofree char *range = NULL;
      g_autofree char *title_text = NULL;
      g_autofree char *value = NULL;

      range = calbook_format_time_range_in_zone (calbook_booking_get_start (b),
                                                 calbook_booking_get_end (b),
                                                 person->time_zone);
      if (range == NULL)
        continue;

      /* Translators: %s is an attendee's name */
      title_text = g_strdup_printf (_("For %s"), calbook_person_get_label (person));
      value = g_strdup_printf ("%s (%s)", range, person->time_zone);
      add_row (group, title_text, value);
    }

  /* Where */
  group = add_group (self, _("Where"));
  /* For video calls Cal.com repeats the meeting link as the location */
  if (g_strcmp0 (calbook_booking_get_location (b), calbook_booking_get_meeting_url (b)) != 0)
    add_row (group, _("Location"), calbook_booking_get_location (b));
  add_row (group, _("Meeting Link"), calbook_booking_get_meeting_url (b));
  if (is_blank (calbook_booking_get_location (b)) && is_blank (calbook_booking_get_meeting_url (b)))
    add_row (group, _("Location"), _("Not set"));

  /* People */
  group = add_group (self, _("Attendees"));
  add_people (group, calbook_booking_get_attendees (b));
  if (calbook_booking_get_attendees (b)->len == 0)
    add_row (group, _("Attendees"), _("None"));

  group = add_group (self, _("Hosts"));
  add_people (group, calbook_booking_get_hosts (b));
  if (calbook_booking_get_hosts (b)->len == 0)
    add_row (group, _("Hosts"), _("None"));

  guests = calbook_booking_get_guests (b);
  if (guests->len > 0)
    {
      group = add_group (self, _("Guests"));
      for (guint i = 0; i < guests->len; i++)
        add_row (group, _("E-mail"), g_ptr_array_index (guests, i));
    }

  /* Notes */
  if (!is_blank (calbook_booking_get_description (b)) || !is_blank (calbook_booking_get_notes (b)))
    {
      group = add_group (self, _("Notes"));
      add_row (group, _("Description"), calbook_booking_get_description (b));
      add_row (group, _("Notes"), calbook_booking_get_notes (b));
    }

  /* History: who cancelled, declined or moved it, and why */
  from = describe_linked_booking (self, calbook_booking_get_rescheduled_from_uid (b));
  to = describe_linked_booking (self, calbook_booking_get_rescheduled_to_uid (b));
  group = add_group (self, _("History"));
  created = calbook_format_date_time (calbook_booking_get_created_at (b));
  updated = calbook_format_date_time (calbook_booking_get_updated_at (b));
  add_row (group, _("Booked"), created);
  add_row (group, _("Last Changed"), updated);
  add_row (group, _("Cancelled By"), calbook_booking_get_cancelled_by_email (b));
  add_row (group, _("Cancellation Reason"), calbook_booking_get_cancellation_reason (b));
  add_row (group, _("Decline Reason"), calbook_booking_get_rejection_reason (b));
  add_row (group, _("Rescheduled By"), calbook_booking_get_rescheduled_by_email (b));
  add_row (group, _("Reschedule Reason"), calbook_booking_get_rescheduling_reason (b));
  add_row (group, _("Moved From"), from);
  add_row (group, _("Moved To"), to);
  add_row (group, _("Recurring Series"), calbook_booking_get_recurring_booking_uid (b));

  /* Identity */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, calbook_booking_get_id (b));
  if (calbook_booking_get_rating (b) >= 0)
    rating = g_strdup_printf ("%d", calbook_booking_get_rating (b));
  group = add_group (self, _("Booking"));
  add_row (group, _("Status on Cal.com"), calbook_booking_get_api_status (b));
  add_row (group, _("Event Type"), calbook_booking_get_event_type_slug (b));
  add_row (group, _("Rating"), rating);
  add_row (group, _("Booking ID"), id);
  add_row (group, _("UID"), calbook_booking_get_uid (b));

  gtk_stack_set_visible_child_name (self->stack, "details");

  /* Keyboard users stay in the details */
  if (had_focus)
    gtk_widget_child_focus (GTK_WIDGET (self->content_box), GTK_DIR_TAB_FORWARD);
}

/* GObject overrides */

static void
calbook_booking_details_dispose (GObject *object)
{
  CalbookBookingDetails *self = (CalbookBookingDetails *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_BOOKING_DETAILS);

  /* The template's top box has no id, so dispose_template leaves it */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->booking);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (calbook_booking_details_parent_class)->dispose (object);
}

static void
calbook_booking_details_finalize (GObject *object)
{
  CalbookBookingDetails *self = (CalbookBookingDetails *)object;

  g_free (self->unsent);

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
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, content_box);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingDetails, stack);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
calbook_booking_details_init (CalbookBookingDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  g_return_if_fail (CALBOOK_IS_BOOKING_DETAILS (self));
  g_return_if_fail (booking == NULL || CALBOOK_IS_BOOKING (booking));

  /* Always rebuild: a refreshed copy of the same booking may carry new fields */
  g_set_object (&self->booking, booking);
  update_details (self);
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
  update_details (self);
}
