/* calbook-new-booking-dialog.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-booking-text.h"
#include "calbook-event-types.h"
#include "calbook-format.h"
#include "calbook-input.h"
#include "calbook-location.h"
#include "calbook-new-booking-dialog.h"
#include "calbook-slot-picker.h"

/*
 * Booking for a client, or moving a booking, in one form. What Cal.com
 * would refuse is said at the field before anything is sent: a missing
 * name, an e-mail address that isn't one, a time zone that doesn't exist,
 * and a time that was taken meanwhile (asked for again on "Book").
 */

struct _CalbookNewBookingDialog
{
  AdwWindow          parent_instance;

  CalbookContext    *context;
  /* The booking to move; NULL for a new one */
  CalbookBooking    *booking;
  GPtrArray         *event_types;
  /* (element-type CalbookEventLocation) (transfer none): the location row's
   * choices after "the event type's default" */
  GPtrArray         *locations;
  GDateTime         *wanted_start;
  GDateTime         *booked_start;
  char              *booked_name;
  GCancellable      *cancellable;
  gboolean           tried;
  gboolean           checking;

  GtkStack          *stack;
  AdwStatusPage     *error_page;
  GtkWidget         *book_button;
  AdwPreferencesGroup *event_group;
  AdwPreferencesGroup *when_group;
  GtkWidget         *moving_group;
  GtkLabel          *moving_label;
  AdwComboRow       *event_type_row;
  AdwComboRow       *length_row;
  GtkWidget         *occurrences_row;
  GtkAdjustment     *occurrences_adjustment;
  CalbookSlotPicker *slot_picker;
  GtkWidget         *attendee_group;
  AdwEntryRow       *name_row;
  AdwEntryRow       *email_row;
  AdwEntryRow       *phone_row;
  AdwEntryRow       *zone_row;
  GtkWidget         *extra_group;
  AdwEntryRow       *guests_row;
  AdwComboRow       *location_row;
  AdwEntryRow       *notes_row;
  GtkWidget         *reason_group;
  AdwEntryRow       *reason_row;
  GtkLabel          *problem_label;
};

G_DEFINE_FINAL_TYPE (CalbookNewBookingDialog, calbook_new_booking_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CalbookEventType *
get_event_type (CalbookNewBookingDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->event_type_row);

  if (self->event_types == NULL || selected >= self->event_types->len)
    return NULL;

  return g_ptr_array_index (self->event_types, selected);
}

static void
mark (GtkWidget   *row,
      const char  *problem,
      const char **first,
      GtkWidget  **first_row)
{
  calbook_input_set_error (row, problem != NULL);
  if (problem != NULL && *first == NULL)
    {
      *first = problem;
      *first_row = row;
    }
}

/* Says what is wrong at the fields (after a first "Book"); returns whether
 * all is right. @first_row: (out) (optional): the first field that is wrong */
static gboolean
validate (CalbookNewBookingDialog  *self,
          GtkWidget               **first_row)
{
  const char *first = NULL;
  GtkWidget *row = NULL;

  if (self->booking == NULL)
    {
      g_autofree char *name = calbook_input_dup_text (GTK_EDITABLE (self->name_row));
      g_autofree char *email = calbook_input_dup_text (GTK_EDITABLE (self->email_row));
      g_autofree char *phone = calbook_input_dup_text (GTK_EDITABLE (self->phone_row));
      g_autofree char *zone = calbook_input_dup_text (GTK_EDITABLE (self->zone_row));
      g_autoptr(GTimeZone) tz = zone != NULL ? g_time_zone_new_identifier (zone) : NULL;
      g_auto(GStrv) guests = NULL;
      const char *guests_problem = NULL;

      guests = calbook_input_split_emails (gtk_editable_get_text (GTK_EDITABLE (self->guests_row)));
      for (guint i = 0; guests[i] != NULL && guests_problem == NULL; i++)
        if (!calbook_input_is_email (guests[i]))
          guests_problem = _("A guest's e-mail address is not right");

      if (get_event_type (self) == NULL)
        first = _("Choose an event type");
      mark (GTK_WIDGET (self->name_row), name == NULL ? _("Enter the client's name") : NULL, &first, &row);
      mark (GTK_WIDGET (self->email_row),
            email == NULL ? _("Enter the client's e-mail address")
                          : !calbook_input_is_email (email) ? _("That e-mail address is not right")
                                                            : NULL,
            &first, &row);
      mark (GTK_WIDGET (self->phone_row),
            phone != NULL && !calbook_input_is_phone (phone)
              ? _("Enter the phone number in international form, such as +49 30 1234567") : NULL,
            &first, &row);
      mark (GTK_WIDGET (self->zone_row),
            tz == NULL ? _("Enter a time zone such as Europe/Berlin") : NULL, &first, &row);
      mark (GTK_WIDGET (self->guests_row), guests_problem, &first, &row);
    }

  if (first == NULL && calbook_slot_picker_get_selected_start (self->slot_picker) == NULL)
    first = _("Choose a free time");

  gtk_label_set_text (self->problem_label, first != NULL ? first : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->tried && first != NULL);
  if (first_row != NULL)
    *first_row = row;

  return first == NULL;
}

static void
on_form_changed_cb (CalbookNewBookingDialog *self)
{
  if (self->tried)
    validate (self, NULL);
}

static void
on_picker_loading_cb (CalbookNewBookingDialog *self)
{
  if (calbook_slot_picker_get_loading (self->slot_picker) || self->wanted_start == NULL)
    return;

  /* The time asked for (a click in the week, the booking's own time) */
  calbook_slot_picker_select (self->slot_picker, self->wanted_start);
  g_clear_pointer (&self->wanted_start, g_date_time_unref);
}

static char *
describe_location (const CalbookEventLocation *location)
{
  if (location->kind == CALBOOK_LOCATION_INTEGRATION && location->value != NULL)
    return calbook_location_integration_name (location->value);
  if (location->value != NULL)
    return g_strdup (location->value);

  return NULL;
}

static void
on_event_type_selected_cb (CalbookNewBookingDialog *self)
{
  CalbookEventType *event_type = get_event_type (self);
  g_autoptr(GtkStringList) lengths = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) places = gtk_string_list_new (NULL);
  GArray *options;
  GPtrArray *locations;
  guint count;
  guint default_length = 0;

  if (event_type == NULL)
    return;

  /* Several lengths: the event type's own first */
  options = calbook_event_type_get_length_options (event_type);
  for (guint i = 0; i < options->len; i++)
    {
      guint minutes = g_array_index (options, guint, i);
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute",
                                                             "%u minutes", minutes), minutes);

      gtk_string_list_append (lengths, label);
      if (minutes == calbook_event_type_get_length (event_type))
        default_length = i;
    }
  adw_combo_row_set_model (self->length_row, G_LIST_MODEL (lengths));
  adw_combo_row_set_selected (self->length_row, default_length);
  gtk_widget_set_visible (GTK_WIDGET (self->length_row), options->len > 0);

  /* Recurring: how many times, at most what the event type allows */
  count = calbook_event_type_get_recurrence_count (event_type);
  gtk_adjustment_set_upper (self->occurrences_adjustment, MAX (count, 1));
  gtk_adjustment_set_value (self->occurrences_adjustment, MAX (count, 1));
  gtk_widget_set_visible (self->occurrences_row, count > 0);

  /* The event type's places; the first is what Cal.com uses by default */
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  self->locations = g_ptr_array_new ();
  locations = calbook_event_type_get_locations (event_type);
  for (guint i = 0; i < locations->len; i++)
    {
      CalbookEventLocation *location = g_ptr_array_index (locations, i);
      g_autofree char *text = describe_location (location);

      if (text == NULL)
        continue;
      g_ptr_array_add (self->locations, location);
      gtk_string_list_append (places, text);
    }
  adw_combo_row_set_model (self->location_row, G_LIST_MODEL (places));
  gtk_widget_set_visible (GTK_WIDGET (self->location_row), self->locations->len > 0);

  calbook_slot_picker_set_query (self->slot_picker, self->context,
                                 calbook_event_type_get_id (event_type), NULL);
}

static void
on_event_types_loaded_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(CalbookNewBookingDialog) self = user_data;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  self->event_types = calbook_event_types_load_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (self->event_types == NULL || self->event_types->len == 0)
    {
      g_autofree char *description = NULL;
      g_autofree char *escaped = NULL;

      /* Booking needs Cal.com's free times: nothing can be chosen offline */
      description = error != NULL
        ? g_strdup_printf (_("The event types can't be loaded from Cal.com: %s"), error->message)
        : g_strdup (_("There are no event types to book on Cal.com."));
      escaped = g_markup_escape_text (description, -1);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_set_sensitive (self->book_button, FALSE);
      return;
    }

  for (guint i = 0; i < self->event_types->len; i++)
    gtk_string_list_append (titles, calbook_event_type_get_title (g_ptr_array_index (self->event_types, i)));
  adw_combo_row_set_model (self->event_type_row, G_LIST_MODEL (titles));
  gtk_stack_set_visible_child_name (self->stack, "form");
  adw_combo_row_set_selected (self->event_type_row, 0);
  on_event_type_selected_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static JsonObject *
build_create_body (CalbookNewBookingDialog *self)
{
  CalbookEventType *event_type = get_event_type (self);
  g_autofree char *name = calbook_input_dup_text (GTK_EDITABLE (self->name_row));
  g_autofree char *email = calbook_input_dup_text (GTK_EDITABLE (self->email_row));
  g_autofree char *phone = calbook_input_dup_text (GTK_EDITABLE (self->phone_row));
  g_autofree char *zone = calbook_input_dup_text (GTK_EDITABLE (self->zone_row));
  g_autofree char *notes = calbook_input_dup_text (GTK_EDITABLE (self->notes_row));
  g_auto(GStrv) guests = calbook_input_split_emails (gtk_editable_get_text (GTK_EDITABLE (self->guests_row)));
  g_autoptr(JsonObject) location = NULL;
  CalbookCreateRequest request = { 0 };
  GArray *lengths = calbook_event_type_get_length_options (event_type);
  guint selected;

  /* The first is the event type's default: sent only when another is chosen */
  selected = adw_combo_row_get_selected (self->location_row);
  if (self->locations != NULL && selected > 0 && selected < self->locations->len)
    {
      const CalbookEventLocation *chosen = g_ptr_array_index (self->locations, selected);
      location = calbook_mutation_build_location (chosen->kind, chosen->value);
    }

  request.event_type_id = calbook_event_type_get_id (event_type);
  request.start = calbook_slot_picker_get_selected_start (self->slot_picker);
  request.attendee_name = name;
  request.attendee_email = email;
  request.attendee_phone = phone;
  request.attendee_time_zone = zone;
  request.guests = (const char * const *) guests;
  request.location = location;
  request.notes = notes;
  selected = adw_combo_row_get_selected (self->length_row);
  if (lengths->len > 0 && selected < lengths->len)
    request.length_in_minutes = g_array_index (lengths, guint, selected);
  if (calbook_event_type_get_recurrence_count (event_type) > 0)
    request.recurrence_count = (guint) gtk_adjustment_get_value (self->occurrences_adjustment);

  g_free (self->booked_name);
  self->booked_name = g_strdup (name);

  return calbook_mutation_build_create_body (&request);
}

static JsonObject *
build_reschedule_body (CalbookNewBookingDialog *self)
{
  CalbookAccount *account = calbook_context_get_account (self->context);
  g_autofree char *reason = calbook_input_dup_text (GTK_EDITABLE (self->reason_row));

  /* Moved by the office: as the host, so a confirmed booking stays confirmed */
  return calbook_mutation_build_reschedule_body (calbook_slot_picker_get_selected_start (self->slot_picker),
                                                 reason,
                                                 account != NULL ? calbook_account_get_email (account)
                                                                 : NULL);
}

static void
on_checked_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CalbookNewBookingDialog) self = user_data;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  gboolean free;

  self->checking = FALSE;
  gtk_widget_set_sensitive (self->book_button, TRUE);
  free = calbook_slot_picker_check_finish (self->slot_picker, result, &error);

  if (!free)
    {
      gtk_label_set_text (self->problem_label,
                          error != NULL ? _("Cal.com can't be reached to check the time; try again when online")
                                        : _("That time was just taken — choose another one"));
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }

  self->booked_start = g_date_time_ref (calbook_slot_picker_get_selected_start (self->slot_picker));
  body = self->booking != NULL ? build_reschedule_body (self) : build_create_body (self);
  g_signal_emit (self, signals[DONE], 0, body);
  gtk_window_close (GTK_WINDOW (self));
}

static void
book_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CalbookNewBookingDialog *self = CALBOOK_NEW_BOOKING_DIALOG (widget);
  GtkWidget *wrong = NULL;

  self->tried = TRUE;
  if (self->checking)
    return;

  /* The first wrong field gets the focus, which scrolls it into view */
  if (!validate (self, &wrong))
    {
      if (wrong != NULL)
        gtk_widget_grab_focus (wrong);
      return;
    }


  /* Free when the list was loaded is not free now: ask again */
  self->checking = TRUE;
  gtk_widget_set_sensitive (self->book_button, FALSE);
  calbook_slot_picker_check_async (self->slot_picker, on_checked_cb, g_object_ref (self));
}

static void
calbook_new_booking_dialog_dispose (GObject *object)
{
  CalbookNewBookingDialog *self = (CalbookNewBookingDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->booking);
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  g_clear_pointer (&self->event_types, g_ptr_array_unref);

  G_OBJECT_CLASS (calbook_new_booking_dialog_parent_class)->dispose (object);
}

static void
calbook_new_booking_dialog_finalize (GObject *object)
{
  CalbookNewBookingDialog *self = (CalbookNewBookingDialog *)object;

  g_clear_pointer (&self->wanted_start, g_date_time_unref);
  g_clear_pointer (&self->booked_start, g_date_time_unref);
  g_free (self->booked_name);

  G_OBJECT_CLASS (calbook_new_booking_dialog_parent_class)->finalize (object);
}

static void
calbook_new_booking_dialog_class_init (CalbookNewBookingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_new_booking_dialog_dispose;
  object_class->finalize = calbook_new_booking_dialog_finalize;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_OBJECT);

  g_type_ensure (CALBOOK_TYPE_SLOT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-new-booking-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, book_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, event_group);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, when_group);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, moving_group);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, moving_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, event_type_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, length_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, occurrences_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, occurrences_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, slot_picker);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, attendee_group);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, zone_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, extra_group);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, guests_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, reason_group);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookNewBookingDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_event_type_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "booking-dialog.book", NULL, book_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "booking-dialog.book", NULL);
}

static void
calbook_new_booking_dialog_init (CalbookNewBookingDialog *self)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* The client is taken to be where this computer is, unless told otherwise */
  gtk_editable_set_text (GTK_EDITABLE (self->zone_row), g_time_zone_get_identifier (local));
  g_signal_connect_object (self->slot_picker, "notify::loading",
                           G_CALLBACK (on_picker_loading_cb), self, G_CONNECT_SWAPPED);
}

CalbookNewBookingDialog *
calbook_new_booking_dialog_new (GtkWindow      *parent,
                                CalbookContext *context,
                                CalbookBooking *booking,
                                GDateTime      *start)
{
  CalbookNewBookingDialog *self;

  g_return_val_if_fail (CALBOOK_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (booking == NULL || CALBOOK_IS_BOOKING (booking), NULL);

  self = g_object_new (CALBOOK_TYPE_NEW_BOOKING_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);

  if (start != NULL)
    self->wanted_start = g_date_time_ref (start);

  if (booking != NULL)
    {
      g_autoptr(GDateTime) current = g_date_time_new_from_unix_utc (calbook_booking_get_start (booking));
      g_autofree char *what = calbook_booking_text_describe (booking);

      self->booking = g_object_ref (booking);
      gtk_window_set_title (GTK_WINDOW (self), _("Reschedule"));
      gtk_button_set_label (GTK_BUTTON (self->book_button), _("Move"));
      /* Cal.com's words in a label of their own: group titles may be markup */
      gtk_label_set_text (self->moving_label, what);
      gtk_widget_set_visible (self->moving_group, TRUE);
      adw_preferences_group_set_description (self->when_group,
                                             _("Choose the new day and time; Cal.com tells the attendees."));
      gtk_widget_set_visible (GTK_WIDGET (self->event_group), FALSE);
      gtk_widget_set_visible (self->attendee_group, FALSE);
      gtk_widget_set_visible (self->extra_group, FALSE);

      /* Its own time is offered as free (bookingUidToReschedule), and chosen */
      if (self->wanted_start == NULL)
        self->wanted_start = g_date_time_ref (current);
      calbook_slot_picker_set_day (self->slot_picker, start != NULL ? start : current);
      calbook_slot_picker_set_query (self->slot_picker, context,
                                     calbook_booking_get_event_type_id (booking),
                                     calbook_booking_get_uid (booking));
      gtk_stack_set_visible_child_name (self->stack, "form");
      return self;
    }

  gtk_widget_set_visible (self->reason_group, FALSE);
  if (start != NULL)
    calbook_slot_picker_set_day (self->slot_picker, start);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  calbook_event_types_load_async (context, self->cancellable, on_event_types_loaded_cb,
                                  g_object_ref (self));

  return self;
}

char *
calbook_new_booking_dialog_format_start (GDateTime *start)
{
  g_return_val_if_fail (start != NULL, NULL);

  return calbook_format_date_time (g_date_time_to_unix (start));
}

char *
calbook_new_booking_dialog_describe (CalbookNewBookingDialog *self)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (CALBOOK_IS_NEW_BOOKING_DIALOG (self), NULL);
  g_return_val_if_fail (self->booked_start != NULL, NULL);

  when = calbook_new_booking_dialog_format_start (self->booked_start);

  if (self->booking != NULL)
    /* Translators: "Booking with Ann Smith moved to Tue 3 Dec 2026 · 10:00" */
    return g_strdup_printf (_("Booking with %s moved to %s"),
                            calbook_booking_text_client_name (self->booking), when);

  /* Translators: "Ann Smith booked for Tue 3 Dec 2026 · 10:00" */
  return g_strdup_printf (_("%s booked for %s"), self->booked_name, when);
}
