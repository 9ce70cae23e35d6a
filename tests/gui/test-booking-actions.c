/* test-booking-actions.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <unistd.h>

#include "gui-test-util.h"
#include "calbook-application-private.h"
#include "calbook-booking-actions.h"
#include "calbook-booking-details.h"
#include "calbook-cancel-dialog.h"
#include "calbook-decline-dialog.h"
#include "calbook-demo-server.h"
#include "calbook-guests-dialog.h"
#include "calbook-location-dialog.h"
#include "calbook-new-booking-dialog.h"
#include "calbook-no-show-dialog.h"
#include "calbook-slot-picker.h"
#include "calbook-slots.h"
#include "calbook-window-private.h"
#include "calbook-view.h"

/*
 * Every booking action, end to end under a real X server: `calbook --demo`
 * (sandbox over HTTP → sync → store → window), the action activated on the
 * details as a click would, its dialog answered, and then what the store
 * AND the sandbox hold. Each scenario runs the application in a
 * subprocess of its own.
 *
 * With CALBOOK_TEST_SHOTS=DIR, screenshots (light and dark) go to DIR.
 */

#define REASON "Room <b>flooded</b> & closed"

/* Auxiliary methods */

static GPtrArray *
all_bookings (CalbookContext *context)
{
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *bookings;

  filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
  bookings = calbook_store_query_bookings (calbook_context_get_store (context), filter, 0, 5000,
                                           &error);
  g_assert_no_error (error);

  return bookings;
}

static guint
outbox_count (CalbookContext *context)
{
  guint n = 0;

  g_object_get (context, "outbox-count", &n, NULL);

  return n;
}

/* Empty; a change Cal.com refused fails the test at once, saying why */
static gboolean
outbox_empty (gpointer data)
{
  g_autoptr(GPtrArray) entries = calbook_context_list_outbox (data, NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->state == CALBOOK_OUTBOX_STATE_FAILED)
        g_error ("Cal.com refused the %s: %s (%s)", entry->kind, entry->last_error, entry->payload);
    }

  return outbox_count (data) == 0;
}

static gboolean
toplevel_shown (gpointer data)
{
  GtkWindow *window = gui_test_find_toplevel (GPOINTER_TO_SIZE (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static GtkWindow *
wait_for_dialog (GType type)
{
  gui_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (type), 20, g_type_name (type));
  gui_test_iterate_for (300);

  return gui_test_find_toplevel (type);
}

/* Pictures of @window alone, light and dark (with CALBOOK_TEST_SHOTS) */
static void
shoot (GtkWindow  *window,
       const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *schemes[] = { "light", "dark" };

  if (g_getenv ("CALBOOK_TEST_SHOTS") == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s", name, schemes[i]);

      adw_style_manager_set_color_scheme (style, i == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                                        : ADW_COLOR_SCHEME_FORCE_DARK);
      gui_test_iterate_for (300);
      gui_test_take_window_shot (window, file);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

typedef struct
{
  GAsyncResult *result;
} AsyncWait;

static void
on_async_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ((AsyncWait *) user_data)->result = g_object_ref (result);
}

static gboolean
async_done (gpointer data)
{
  return ((AsyncWait *) data)->result != NULL;
}

static CalbookApiClient *
new_admin_client (CalbookApplication *app)
{
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  JsonObject *admin = calbook_demo_server_find_account (server, TRUE);
  g_autoptr(GError) error = NULL;
  CalbookApiClient *client;

  client = calbook_api_client_new (calbook_demo_server_get_url (server),
                                   json_object_get_string_member (admin, "apiKey"), &error);
  g_assert_no_error (error);

  return client;
}

/* The booking as the sandbox (Cal.com) has it now: an object, or an array for a series */
static JsonNode *
fetch_server (CalbookApplication *app,
              const char         *uid)
{
  g_autoptr(CalbookApiClient) client = new_admin_client (app);
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL };
  JsonNode *node;

  calbook_api_client_get_booking_async (client, uid, NULL, on_async_done_cb, &wait);
  gui_test_wait_until (async_done, &wait, 60, "the booking from the sandbox");
  node = calbook_api_client_get_booking_finish (client, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  return node;
}

static JsonObject *
fetch_server_booking (CalbookApplication *app,
                      const char         *uid)
{
  g_autoptr(JsonNode) node = fetch_server (app, uid);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

static CalbookBooking *
store_booking (CalbookApplication *app,
               const char         *uid)
{
  CalbookContext *context = calbook_application_get_context (app);

  return calbook_store_get_booking (calbook_context_get_store (context), uid, NULL);
}

typedef gboolean (*BookingTest) (CalbookBooking *booking,
                                 gint64          user_id);

/* The first of the signed-in person's bookings that passes @test */
static CalbookBooking *
find_booking (CalbookApplication *app,
              BookingTest         test)
{
  CalbookContext *context = calbook_application_get_context (app);
  gint64 user_id = calbook_account_get_user_id (calbook_context_get_account (context));
  g_autoptr(GPtrArray) bookings = all_bookings (context);

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);

      if (calbook_booking_has_host (booking, user_id) && test (booking, user_id))
        return g_object_ref (booking);
    }

  return NULL;
}

static CalbookBookingDetails *
show_booking (CalbookApplication *app,
              CalbookBooking     *booking)
{
  CalbookWindow *window = CALBOOK_WINDOW (gui_test_get_window (app));

  calbook_window_show_booking (window, calbook_booking_get_uid (booking));
  /* A narrow window opens the details pane only when asked */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-details", NULL);
  gui_test_iterate_for (300);
  g_assert_true (calbook_booking_details_get_booking (calbook_window_get_details (window)) != NULL);

  return calbook_window_get_details (window);
}

typedef struct
{
  CalbookApplication *app;
  const char         *uid;
  const char         *api_status;
} StatusWait;

static gboolean
store_has_status (gpointer data)
{
  StatusWait *wait = data;
  g_autoptr(CalbookBooking) booking = store_booking (wait->app, wait->uid);

  return booking != NULL && g_strcmp0 (calbook_booking_get_api_status (booking), wait->api_status) == 0;
}

static void
wait_for_stored_status (CalbookApplication *app,
                        const char         *uid,
                        const char         *api_status,
                        const char         *what)
{
  StatusWait wait = { app, uid, api_status };

  gui_test_wait_until (store_has_status, &wait, 30, what);
}

static void
wait_sent (CalbookApplication *app)
{
  gui_test_wait_until (outbox_empty, calbook_application_get_context (app), 60,
              "the change to reach the sandbox");
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The entry row titled @title under @widget */
static GtkEditable *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  gui_test_collect_widgets (widget, ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);

  g_error ("No entry row “%s”", title);
}

static gboolean
has_css_class (GtkEditable *editable,
               const char  *name)
{
  return gtk_widget_has_css_class (GTK_WIDGET (editable), name);
}

static gboolean
picker_ready (gpointer data)
{
  return !calbook_slot_picker_get_loading (data);
}

static gboolean
picker_has_start (gpointer data)
{
  return calbook_slot_picker_get_selected_start (data) != NULL;
}

static GPtrArray *
slot_buttons (CalbookSlotPicker *picker)
{
  GPtrArray *buttons = g_ptr_array_new ();

  gui_test_collect_widgets (GTK_WIDGET (picker), GTK_TYPE_TOGGLE_BUTTON, buttons);

  return buttons;
}

/* Moves the picker day by day until it offers free times; returns its buttons */
static GPtrArray *
wait_for_slots (CalbookSlotPicker *picker)
{
  for (guint day = 1; day < 14; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) when = g_date_time_add_days (now, day);
      g_autoptr(GPtrArray) buttons = NULL;

      calbook_slot_picker_set_day (picker, when);
      gui_test_wait_until (picker_ready, picker, 30, "the free times");
      buttons = slot_buttons (picker);
      if (buttons->len > 1)
        return g_steal_pointer (&buttons);
    }

  g_error ("No free times in the next two weeks");
}

static CalbookSlotPicker *
find_picker (GtkWindow *dialog)
{
  g_autoptr(GPtrArray) pickers = g_ptr_array_new ();

  gui_test_collect_widgets (GTK_WIDGET (dialog), CALBOOK_TYPE_SLOT_PICKER, pickers);
  g_assert_cmpuint (pickers->len, ==, 1);

  return g_ptr_array_index (pickers, 0);
}

static gboolean
dialog_gone (gpointer data)
{
  return gui_test_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static gboolean
dialog_form_shown (gpointer data)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  gui_test_collect_widgets (GTK_WIDGET (data), GTK_TYPE_STACK, stacks);

  return stacks->len > 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (g_ptr_array_index (stacks, 0)), "form") == 0;
}

static JsonNode *sandbox_hook   (CalbookApplication *app,
                                 const char         *method,
                                 const char         *path,
                                 const char         *body);
static gint64 sandbox_applied   (CalbookApplication *app,
                                 const char         *uid,
                                 const char         *kind);
static gint64 own_event_type_id (CalbookApplication *app,
                                 const char         *title);
static GDateTime *free_slot     (CalbookApplication *app,
                                 gint64              event_type_id);
static char  *book_on_server    (CalbookApplication *app,
                                 gint64              event_type_id,
                                 GDateTime          *start,
                                 const char         *name,
                                 const char         *email);

/* Scenarios */

static gboolean
is_upcoming_confirmed_single (CalbookBooking *booking,
                              gint64          user_id)
{
  return calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_CONFIRMED &&
         calbook_booking_get_start (booking) > now_seconds () + 3600 &&
         calbook_booking_get_recurring_booking_uid (booking) == NULL &&
         calbook_booking_get_attendees (booking)->len > 0;
}

static gboolean
is_upcoming_pending_single (CalbookBooking *booking,
                            gint64          user_id)
{
  return calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_PENDING &&
         calbook_booking_get_start (booking) > now_seconds () + 3600 &&
         calbook_booking_get_recurring_booking_uid (booking) == NULL;
}

static gboolean
can_scroll (gpointer data)
{
  return gtk_adjustment_get_upper (data) > gtk_adjustment_get_page_size (data) + 1;
}

/* The details read like a card: the client first, no raw ids, the menu */
static void
check_details (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_confirmed_single);
  CalbookBookingDetails *details;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  const CalbookPerson *client;

  g_assert_nonnull (booking);
  details = show_booking (app, booking);
  text = gui_test_visible_text (GTK_WIDGET (details));
  client = g_ptr_array_index (calbook_booking_get_attendees (booking), 0);

  /* The client's name leads; raw ids are only behind "Copy ID" */
  g_assert_true (g_str_has_prefix (text, calbook_person_get_label (client)));
  g_assert_null (strstr (text, calbook_booking_get_uid (booking)));
  id = g_strdup_printf ("%" G_GINT64_FORMAT, calbook_booking_get_id (booking));
  g_assert_null (strstr (text, id));

  /* The user's own name is not news on their own booking: not as a host,
   * nor from Cal.com's title "<event type> between <host> and <client>" */
  {
    CalbookContext *context = calbook_application_get_context (app);
    const char *own_name = calbook_account_get_name (calbook_context_get_account (context));

    g_assert_nonnull (strstr (calbook_booking_get_title (booking), " between "));
    g_assert_null (strstr (text, own_name));
    g_assert_null (strstr (text, " between "));
  }

  /* What can be done now is enabled; what Cal.com would refuse is not */
  g_assert_false (calbook_booking_actions_is_enabled (booking, "confirm"));
  g_assert_false (calbook_booking_actions_is_enabled (booking, "mark-no-show"));
  g_assert_true (calbook_booking_actions_is_enabled (booking, "cancel"));
  g_assert_true (calbook_booking_actions_is_enabled (booking, "reschedule"));

  shoot (GTK_WINDOW (CALBOOK_WINDOW (gui_test_get_window (app))), "details");

  /* The id is behind "Copy ID" */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.copy-id", NULL));

  /* Scrolled down, the next booking still opens at its top */
  {
    g_autoptr(GPtrArray) scrolled = g_ptr_array_new ();
    g_autoptr(CalbookBooking) other = find_booking (app, is_upcoming_pending_single);
    GtkAdjustment *adjustment = NULL;

    /* The card's own (the empty page's status page has one too) */
    gui_test_collect_widgets (GTK_WIDGET (details), GTK_TYPE_SCROLLED_WINDOW, scrolled);
    for (guint i = 0; i < scrolled->len; i++)
      if (gtk_widget_get_mapped (g_ptr_array_index (scrolled, i)) && adjustment == NULL)
        adjustment = gtk_scrolled_window_get_vadjustment (g_ptr_array_index (scrolled, i));
    g_assert_nonnull (adjustment);
    /* A short window, so that the card scrolls */
    gtk_window_set_default_size (GTK_WINDOW (gui_test_get_window (app)), 1000, 360);
    gui_test_wait_until (can_scroll, adjustment, 10, "the card to be taller than its pane");
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    gui_test_iterate_for (100);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
    show_booking (app, other);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  }
}

/* GNOME's narrowest window: the card must fit it, whatever it shows */
#define NARROWEST_WINDOW 360

static void
assert_fits_narrowest (CalbookBookingDetails *details,
                       const char            *showing)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (details), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("details showing %s: at least %d px wide", showing, minimum);
  if (minimum > NARROWEST_WINDOW)
    g_error ("The details showing %s need %d px, more than a %d px window",
             showing, minimum, NARROWEST_WINDOW);
}

/* The card never holds the window wider than the narrowest: not before it
 * showed a booking (all of its buttons were measured then), nor with a
 * request's answers or a confirmed booking's actions */
static void
check_details_narrow (CalbookApplication *app)
{
  CalbookBookingDetails *details =
    calbook_window_get_details (CALBOOK_WINDOW (gui_test_get_window (app)));
  g_autoptr(CalbookBooking) request = find_booking (app, is_upcoming_pending_single);
  g_autoptr(CalbookBooking) confirmed = find_booking (app, is_upcoming_confirmed_single);

  g_assert_nonnull (request);
  g_assert_nonnull (confirmed);
  assert_fits_narrowest (details, "nothing yet");
  show_booking (app, request);
  assert_fits_narrowest (details, "a request");
  show_booking (app, confirmed);
  assert_fits_narrowest (details, "a confirmed booking");
}

/* Cal.com's words are shown as they are, never as markup */
static void
check_text_as_text (CalbookApplication *app)
{
  CalbookContext *context = calbook_application_get_context (app);
  g_autoptr(CalbookBooking) model = find_booking (app, is_upcoming_confirmed_single);
  g_autoptr(JsonObject) object = calbook_booking_to_json (model);
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *attendee;
  CalbookBookingDetails *details;
  GtkWindow *dialog;
  const char *name = "<b>Ann</b> & <i>Bob</i>";
  const char *notes = "Bring <u>all</u> papers & the <span color='red'>red</span> folder";
  const char *place = "Room <3 & co";

  attendee = json_array_get_object_element (json_object_get_array_member (object, "attendees"), 0);
  json_object_set_string_member (attendee, "name", name);
  json_object_set_string_member (object, "uid", "test-markup-uid");
  json_object_set_int_member (object, "id", 987654321);
  json_object_set_string_member (object, "description", notes);
  json_object_set_string_member (object, "location", place);
  g_ptr_array_add (bookings, calbook_booking_new_from_json (object, &error));
  g_assert_no_error (error);
  calbook_store_upsert_bookings (calbook_context_get_store (context), bookings, NULL, NULL, &error);
  g_assert_no_error (error);

  details = show_booking (app, g_ptr_array_index (bookings, 0));
  text = gui_test_visible_text (GTK_WIDGET (details));
  g_assert_nonnull (strstr (text, name));
  g_assert_nonnull (strstr (text, notes));
  g_assert_nonnull (strstr (text, place));
  /* Cal.com's title still names the client by the old name: only the
   * event type shows */
  g_assert_nonnull (strstr (calbook_booking_get_title (model), " between "));
  g_assert_null (strstr (text, " between "));

  /* The notes' card keeps its text off its edges */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    GtkWidget *notes_label = NULL;
    GtkBorder padding;

    gui_test_collect_widgets (GTK_WIDGET (details), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), notes) == 0)
        notes_label = g_ptr_array_index (labels, i);
    g_assert_nonnull (notes_label);
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_style_context_get_padding (gtk_widget_get_style_context (notes_label), &padding);
    G_GNUC_END_IGNORE_DEPRECATIONS
    g_assert_cmpint (padding.left, >=, 6);
    g_assert_cmpint (padding.right, >=, 6);
    g_assert_cmpint (padding.top, >=, 6);
    g_assert_cmpint (padding.bottom, >=, 6);
  }

  /* And in the dialogs that name the client */
  gtk_widget_activate_action (GTK_WIDGET (details), "booking.cancel", NULL);
  dialog = wait_for_dialog (CALBOOK_TYPE_CANCEL_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), name));
  g_assert_false (adw_message_dialog_get_body_use_markup (ADW_MESSAGE_DIALOG (dialog)));
  shoot (GTK_WINDOW (CALBOOK_WINDOW (gui_test_get_window (app))), "details-markup");
  gtk_window_close (dialog);
}

static void
check_confirm (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_pending_single);
  g_autoptr(JsonObject) server = NULL;
  CalbookBookingDetails *details;

  g_assert_nonnull (booking);
  details = show_booking (app, booking);
  shoot (GTK_WINDOW (CALBOOK_WINDOW (gui_test_get_window (app))), "details-pending");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.confirm", NULL));
  wait_sent (app);

  wait_for_stored_status (app, calbook_booking_get_uid (booking), "accepted",
                          "the store to hold the confirmed booking");
  server = fetch_server_booking (app, calbook_booking_get_uid (booking));
  g_assert_cmpstr (json_object_get_string_member (server, "status"), ==, "accepted");
}

static void
check_decline (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_pending_single);
  g_autoptr(JsonObject) server = NULL;
  CalbookBookingDetails *details;
  GtkWindow *dialog;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  g_assert_nonnull (booking);
  details = show_booking (app, booking);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.decline", NULL));
  dialog = wait_for_dialog (CALBOOK_TYPE_DECLINE_DIALOG);
  gui_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  gtk_editable_set_text (g_ptr_array_index (rows, 0), REASON);
  shoot (dialog, "decline-dialog");

  /* Nothing is sent before the answer */
  g_assert_cmpuint (outbox_count (calbook_application_get_context (app)), ==, 0);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "decline");
  wait_sent (app);

  wait_for_stored_status (app, calbook_booking_get_uid (booking), "rejected",
                          "the store to hold the declined booking");
  server = fetch_server_booking (app, calbook_booking_get_uid (booking));
  g_assert_cmpstr (json_object_get_string_member (server, "status"), ==, "rejected");
}

static gboolean
is_upcoming_in_series (CalbookBooking *booking,
                       gint64          user_id)
{
  return calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_CONFIRMED &&
         calbook_booking_get_start (booking) > now_seconds () + 3600 &&
         calbook_booking_get_recurring_booking_uid (booking) != NULL;
}

static gboolean
is_past_confirmed_single (CalbookBooking *booking,
                          gint64          user_id)
{
  GPtrArray *attendees = calbook_booking_get_attendees (booking);

  return calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_CONFIRMED &&
         calbook_booking_get_start (booking) < now_seconds () &&
         calbook_booking_get_recurring_booking_uid (booking) == NULL &&
         attendees->len > 0 &&
         !((CalbookPerson *) g_ptr_array_index (attendees, 0))->absent;
}

/* Whether @widget (its class) binds @accelerator to @action_name */
static gboolean
has_shortcut (GtkWidget  *widget,
              const char *accelerator,
              const char *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
              GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), action_name) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* The organizer must give a reason; Cal.com keeps it */
static void
check_cancel (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_confirmed_single);
  g_autoptr(JsonObject) server = NULL;
  CalbookBookingDetails *details;
  GtkWindow *dialog;

  g_assert_nonnull (booking);
  details = show_booking (app, booking);

  /* Delete is Cancel, in the window and in the details; Ctrl+N a new booking */
  g_assert_true (has_shortcut (GTK_WIDGET (CALBOOK_WINDOW (gui_test_get_window (app))), "Delete", "booking.cancel"));
  g_assert_true (has_shortcut (GTK_WIDGET (details), "Delete", "booking.cancel"));
  g_assert_true (has_shortcut (GTK_WIDGET (CALBOOK_WINDOW (gui_test_get_window (app))), "<Control>n", "win.new-booking"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.cancel", NULL));
  dialog = wait_for_dialog (CALBOOK_TYPE_CANCEL_DIALOG);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-booking"));
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Reason"), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-booking"));
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Reason"), REASON);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-booking"));
  shoot (dialog, "cancel-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel-booking");
  wait_sent (app);

  wait_for_stored_status (app, calbook_booking_get_uid (booking), "cancelled",
                          "the store to hold the cancelled booking");
  server = fetch_server_booking (app, calbook_booking_get_uid (booking));
  g_assert_cmpstr (json_object_get_string_member (server, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (server, "cancellationReason"), ==, REASON);
}

/* This and the following occurrences go; the earlier ones stay */
static void
check_cancel_series (CalbookApplication *app)
{
  CalbookContext *context = calbook_application_get_context (app);
  g_autoptr(CalbookBooking) first = find_booking (app, is_upcoming_in_series);
  g_autoptr(GPtrArray) bookings = all_bookings (context);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(JsonNode) series = NULL;
  CalbookBooking *chosen = NULL;
  CalbookBookingDetails *details;
  GtkWindow *dialog;
  const char *series_uid;
  guint n_cancelled = 0;
  guint n_kept = 0;

  g_assert_nonnull (first);
  series_uid = calbook_booking_get_recurring_booking_uid (first);

  /* The second upcoming occurrence, so one before it stays */
  for (guint i = 0; i < bookings->len && chosen == NULL; i++)
    {
      CalbookBooking *b = g_ptr_array_index (bookings, i);

      if (g_strcmp0 (calbook_booking_get_recurring_booking_uid (b), series_uid) == 0 &&
          calbook_booking_get_start (b) > calbook_booking_get_start (first) &&
          calbook_booking_get_status (b) == CALBOOK_BOOKING_STATUS_CONFIRMED)
        chosen = b;
    }
  g_assert_nonnull (chosen);

  details = show_booking (app, chosen);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.cancel", NULL));
  dialog = wait_for_dialog (CALBOOK_TYPE_CANCEL_DIALOG);
  gui_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, 2);
  gtk_check_button_set_active (g_ptr_array_index (checks, 1), TRUE);
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Reason"), "Course ends early");
  shoot (dialog, "cancel-series-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel-booking");
  wait_sent (app);

  wait_for_stored_status (app, calbook_booking_get_uid (chosen), "cancelled",
                          "the store to hold the cancelled occurrence");

  series = fetch_server (app, series_uid);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (series));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (series)); i++)
    {
      JsonObject *occurrence = json_array_get_object_element (json_node_get_array (series), i);
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (json_object_get_string_member (occurrence, "start"), NULL);
      const char *status = json_object_get_string_member (occurrence, "status");


      if (g_date_time_to_unix (start) >= calbook_booking_get_start (chosen))
        {
          /* Declined ones stay declined: Cal.com cancels what is live */
          g_assert_true (g_str_equal (status, "cancelled") || g_str_equal (status, "rejected"));
          n_cancelled += g_str_equal (status, "cancelled");
        }
      else if (g_date_time_to_unix (start) >= calbook_booking_get_start (first))
        {
          /* Left as they were */
          g_assert_cmpstr (status, !=, "cancelled");
          n_kept++;
        }
    }
  g_assert_cmpuint (n_cancelled, >=, 1);
  g_assert_cmpuint (n_kept, >=, 1);
}

/* The free times of @event_type_id Cal.com lists for the @n_days days from
 * tomorrow on, earliest first */
static GPtrArray *
fetch_free_starts (CalbookApplication *app,
                   gint64              event_type_id,
                   guint               n_days)
{
  g_autoptr(CalbookApiClient) client = new_admin_client (app);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) from = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) to = g_date_time_add_days (now, 1 + n_days);
  g_autoptr(JsonObject) days = NULL;
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL };

  calbook_api_client_get_slots_async (client, event_type_id, from, to, "UTC", NULL, NULL,
                                      on_async_done_cb, &wait);
  gui_test_wait_until (async_done, &wait, 30, "the free slots");
  days = calbook_api_client_get_slots_finish (client, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  return calbook_slots_read_starts (days);
}

/* A client books @event_type_id on Cal.com itself (@count weekly
 * occurrences of a recurring one, or 0); returns Cal.com's answer */
static JsonNode *
create_on_server (CalbookApplication *app,
                  gint64              event_type_id,
                  GDateTime          *start,
                  const char         *name,
                  const char         *email,
                  guint               count)
{
  g_autoptr(CalbookApiClient) client = new_admin_client (app);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  CalbookCreateRequest request = { 0 };
  AsyncWait wait = { NULL };
  JsonNode *made;

  request.event_type_id = event_type_id;
  request.start = start;
  request.attendee_name = name;
  request.attendee_email = email;
  request.attendee_time_zone = "Europe/Berlin";
  request.recurrence_count = count;
  body = calbook_mutation_build_create_body (&request);
  calbook_api_client_mutate_booking_async (client, "create", NULL, body, NULL, on_async_done_cb, &wait);
  gui_test_wait_until (async_done, &wait, 30, "the booking on the sandbox");
  made = calbook_api_client_mutate_booking_finish (client, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  return made;
}

/* The first time from tomorrow on at which @count weekly occurrences of
 * @event_type_id are all free, as Cal.com says */
static GDateTime *
free_series_slot (CalbookApplication *app,
                  gint64              event_type_id,
                  guint               count)
{
  g_autoptr(GPtrArray) starts = fetch_free_starts (app, event_type_id, 14 + 7 * count);
  g_autoptr(GHashTable) free_times = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < starts->len; i++)
    {
      gint64 *t = g_new (gint64, 1);

      *t = g_date_time_to_unix (g_ptr_array_index (starts, i));
      g_hash_table_add (free_times, t);
    }

  for (guint i = 0; i < starts->len; i++)
    {
      gint64 t = g_date_time_to_unix (g_ptr_array_index (starts, i));
      guint n = 1;

      while (n < count && g_hash_table_contains (free_times, &(gint64) { t + (gint64) n * 7 * 24 * 3600 }))
        n++;
      if (n == count)
        return g_date_time_ref (g_ptr_array_index (starts, i));
    }

  g_error ("No time free %u weeks in a row", count);
}

/* A client books @count weekly occurrences of the recurring @event_type_id
 * on Cal.com itself; returns their uids, by start */
static GPtrArray *
book_series_on_server (CalbookApplication *app,
                       gint64              event_type_id,
                       GDateTime          *start,
                       guint               count)
{
  g_autoptr(JsonNode) made = create_on_server (app, event_type_id, start, "Rosa Lind",
                                               "rosa.lind@example.org", count);
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *occurrences;

  g_assert_true (JSON_NODE_HOLDS_ARRAY (made));
  occurrences = json_node_get_array (made);
  g_assert_cmpuint (json_array_get_length (occurrences), ==, count);
  for (guint i = 0; i < count; i++)
    {
      JsonObject *occurrence = json_array_get_object_element (occurrences, i);

      g_assert_cmpstr (json_object_get_string_member (occurrence, "status"), ==, "pending");
      g_ptr_array_add (uids, g_strdup (json_object_get_string_member (occurrence, "uid")));
    }

  return uids;
}

typedef struct
{
  CalbookApplication *app;
  GPtrArray          *uids;
  const char         *api_status;
} SeriesWait;

static gboolean
store_has_series_status (gpointer data)
{
  SeriesWait *wait = data;

  for (guint i = 0; i < wait->uids->len; i++)
    {
      StatusWait one = { wait->app, g_ptr_array_index (wait->uids, i), wait->api_status };

      if (!store_has_status (&one))
        return FALSE;
    }

  return TRUE;
}

/* Confirming one occurrence of a series that waits for the host: Cal.com
 * confirms every pending occurrence of it at once (its confirm works on the
 * series), so the window sends ONE confirm and the store then holds the
 * whole series confirmed */
static void
check_confirm_series (CalbookApplication *app)
{
  CalbookContext *context = calbook_application_get_context (app);
  gint64 programme = own_event_type_id (app, "Back Fit Programme");
  g_autofree char *path = g_strdup_printf ("/_sandbox/event-types/%" G_GINT64_FORMAT, programme);
  g_autoptr(JsonNode) patched = sandbox_hook (app, "PATCH", path, "{\"requiresConfirmation\": true}");
  g_autoptr(GDateTime) slot = free_series_slot (app, programme, 3);
  g_autoptr(GPtrArray) uids = book_series_on_server (app, programme, slot, 3);
  g_autoptr(CalbookBooking) chosen = NULL;
  g_autoptr(JsonNode) series = NULL;
  CalbookBookingDetails *details;
  SeriesWait wait = { app, uids, "pending" };
  g_autofree char *before = NULL;

  calbook_context_sync_now (context, FALSE);
  gui_test_wait_until (store_has_series_status, &wait, 60, "the pending series to be synced");
  gui_test_iterate_for (1500);
  before = gui_test_dunst_texts ("Rosa Lind");
  /* The request names the client and the event type, not the user again */
  if (before != NULL)
    {
      g_assert_nonnull (strstr (before, "Rosa Lind asks for “Back Fit Programme”"));
      g_assert_null (strstr (before, " between "));
    }

  /* The second occurrence, from its details */
  chosen = store_booking (app, g_ptr_array_index (uids, 1));
  g_assert_true (calbook_booking_actions_is_enabled (chosen, "confirm"));
  details = show_booking (app, chosen);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.confirm", NULL));
  wait_sent (app);

  /* On Cal.com: one confirm, for the chosen one; the series is confirmed */
  for (guint i = 0; i < uids->len; i++)
    g_assert_cmpint (sandbox_applied (app, g_ptr_array_index (uids, i), "confirm"), ==, i == 1 ? 1 : 0);
  series = fetch_server (app, calbook_booking_get_recurring_booking_uid (chosen));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (series));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (series)), ==, uids->len);
  for (guint i = 0; i < uids->len; i++)
    {
      JsonObject *occurrence = json_array_get_object_element (json_node_get_array (series), i);

      g_assert_cmpstr (json_object_get_string_member (occurrence, "status"), ==, "accepted");
    }

  /* And the store holds what Cal.com holds, for every occurrence */
  wait.api_status = "accepted";
  gui_test_wait_until (store_has_series_status, &wait, 60, "the whole series confirmed in the store");

  /* The user did it: a toast, no desktop notification for any occurrence */
  if (before != NULL)
    {
      g_autofree char *after = NULL;

      calbook_context_sync_now (context, FALSE);
      gui_test_iterate_for (1500);
      after = gui_test_dunst_texts ("Rosa Lind");
      g_assert_cmpstr (before, ==, after);
    }
}

static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  gui_test_collect_widgets (widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static void
check_no_show (CalbookApplication *app)
{
  GtkWidget *undo;
  g_autoptr(CalbookBooking) booking = find_booking (app, is_past_confirmed_single);
  g_autoptr(CalbookBooking) stored = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  CalbookBookingDetails *details;
  GtkWindow *dialog;
  JsonObject *attendee;

  g_assert_nonnull (booking);
  details = show_booking (app, booking);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.mark-no-show", NULL));
  dialog = wait_for_dialog (CALBOOK_TYPE_NO_SHOW_DIALOG);

  /* Nothing changed, nothing to save */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "mark"));
  gui_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, calbook_booking_get_attendees (booking)->len + 1);
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "mark"));
  shoot (dialog, "no-show-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "mark");
  wait_sent (app);

  server = fetch_server_booking (app, calbook_booking_get_uid (booking));
  attendee = json_array_get_object_element (json_object_get_array_member (server, "attendees"), 0);
  g_assert_true (json_object_get_boolean_member (attendee, "absent"));
  stored = store_booking (app, calbook_booking_get_uid (booking));
  g_assert_true (((CalbookPerson *) g_ptr_array_index (calbook_booking_get_attendees (stored), 0))->absent);

  /* Cal.com can take a no-show back: the toast's Undo does */
  undo = find_button_labelled (GTK_WIDGET (CALBOOK_WINDOW (gui_test_get_window (app))), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  gui_test_iterate_for (200);
  wait_sent (app);
  g_clear_pointer (&server, json_object_unref);
  server = fetch_server_booking (app, calbook_booking_get_uid (booking));
  attendee = json_array_get_object_element (json_object_get_array_member (server, "attendees"), 0);
  g_assert_false (json_object_get_boolean_member (attendee, "absent"));
}

static GtkEditable *
only_entry_row (GtkWidget *widget)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  gui_test_collect_widgets (widget, ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);

  return g_ptr_array_index (rows, 0);
}

/* The event type's own place is offered first, filled in, once known */
static gboolean
location_prefilled (gpointer data)
{
  return *gtk_editable_get_text (only_entry_row (data)) != '\0';
}

static void
check_location (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_confirmed_single);
  g_autoptr(CalbookBooking) stored = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  CalbookBookingDetails *details;
  GtkWindow *dialog;
  GtkEditable *value;
  AdwComboRow *kind;
  GListModel *kinds;
  guint address = G_MAXUINT;
  const char *place = "Praxis Nord, Hauptstraße 5, 10115 Berlin";

  g_assert_nonnull (booking);
  details = show_booking (app, booking);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.change-location", NULL));
  dialog = wait_for_dialog (CALBOOK_TYPE_LOCATION_DIALOG);
  gui_test_wait_until (location_prefilled, dialog, 30, "the event type's places");

  gui_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, combos);
  kind = g_ptr_array_index (combos, 0);
  kinds = adw_combo_row_get_model (kind);
  for (guint i = 0; i < g_list_model_get_n_items (kinds); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (kinds), i), "In person"))
      address = i;
  g_assert_cmpuint (address, !=, G_MAXUINT);
  adw_combo_row_set_selected (kind, address);
  value = only_entry_row (GTK_WIDGET (dialog));

  /* A link that isn't one is said at the field */
  adw_combo_row_set_selected (kind, 2);
  gtk_editable_set_text (value, "javascript:alert(1)");
  g_assert_true (has_css_class (value, "error") ||
                 !adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change"));

  adw_combo_row_set_selected (kind, address);
  gtk_editable_set_text (value, place);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change"));
  shoot (dialog, "location-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "change");
  wait_sent (app);

  server = fetch_server_booking (app, calbook_booking_get_uid (booking));
  g_assert_cmpstr (json_object_get_string_member (server, "location"), ==, place);
  stored = store_booking (app, calbook_booking_get_uid (booking));
  g_assert_cmpstr (calbook_booking_get_location (stored), ==, place);
}

static gboolean
guests_arrived (gpointer data)
{
  CalbookApplication *app = g_object_get_data (G_OBJECT (data), "app");
  g_autoptr(CalbookBooking) stored = store_booking (app, g_object_get_data (G_OBJECT (data), "uid"));
  GPtrArray *guests = calbook_booking_get_guests (stored);

  for (guint i = 0; i < guests->len; i++)
    if (g_str_equal (g_ptr_array_index (guests, i), "new.guest@example.org"))
      return TRUE;

  return FALSE;
}

static void
check_guests (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_confirmed_single);
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *own = NULL;
  CalbookBookingDetails *details;
  GtkWindow *dialog;
  GtkEditable *emails;
  JsonArray *guests;
  gboolean found = FALSE;
  const CalbookPerson *client;

  g_assert_nonnull (booking);
  client = g_ptr_array_index (calbook_booking_get_attendees (booking), 0);
  details = show_booking (app, booking);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.add-guests", NULL));
  dialog = wait_for_dialog (CALBOOK_TYPE_GUESTS_DIALOG);
  emails = find_entry_row (GTK_WIDGET (dialog), "E-mail addresses");

  /* Not an address, already on the booking, twice: said, not sent */
  gtk_editable_set_text (emails, "new.guest@example.org, not-an-address");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_assert_true (has_css_class (emails, "error"));
  shoot (dialog, "guests-dialog-error");
  gtk_editable_set_text (emails, client->email);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  own = g_strdup_printf ("new.guest@example.org; NEW.GUEST@example.org");
  gtk_editable_set_text (emails, own);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));

  gtk_editable_set_text (emails, "new.guest@example.org");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_assert_false (has_css_class (emails, "error"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wait_sent (app);

  server = fetch_server_booking (app, calbook_booking_get_uid (booking));
  guests = json_object_get_array_member (server, "guests");
  for (guint i = 0; guests != NULL && i < json_array_get_length (guests); i++)
    {
      JsonNode *node = json_array_get_element (guests, i);
      const char *email = JSON_NODE_HOLDS_OBJECT (node)
        ? json_object_get_string_member (json_node_get_object (node), "email")
        : json_node_get_string (node);

      found = found || g_strcmp0 (email, "new.guest@example.org") == 0;
    }
  g_assert_true (found);

  g_object_set_data (G_OBJECT (dialog), "app", app);
  g_object_set_data (G_OBJECT (dialog), "uid", (gpointer) calbook_booking_get_uid (booking));
  gui_test_wait_until (guests_arrived, dialog, 30, "the store to hold the guest");
}

typedef struct
{
  CalbookApplication *app;
  const char         *email;
  CalbookBooking     *found;
} EmailWait;

static gboolean
store_has_attendee (gpointer data)
{
  EmailWait *wait = data;
  g_autoptr(GPtrArray) bookings = all_bookings (calbook_application_get_context (wait->app));

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);
      GPtrArray *attendees = calbook_booking_get_attendees (booking);

      for (guint j = 0; j < attendees->len; j++)
        if (g_strcmp0 (((CalbookPerson *) g_ptr_array_index (attendees, j))->email, wait->email) == 0)
          {
            g_set_object (&wait->found, booking);
            return TRUE;
          }
    }

  return FALSE;
}

static CalbookNewBookingDialog *
open_new_booking (CalbookApplication *app)
{
  GtkWindow *dialog;

  /* win.new-booking, as Ctrl+N or the header bar's button would */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (CALBOOK_WINDOW (gui_test_get_window (app))), "win.new-booking", NULL));
  dialog = wait_for_dialog (CALBOOK_TYPE_NEW_BOOKING_DIALOG);
  gui_test_wait_until (dialog_form_shown, dialog, 30, "the event types");

  return CALBOOK_NEW_BOOKING_DIALOG (dialog);
}

/* Fields are checked before anything is sent; then the booking is made */
static void
check_create (CalbookApplication *app)
{
  CalbookContext *context = calbook_application_get_context (app);
  CalbookNewBookingDialog *dialog = open_new_booking (app);
  CalbookSlotPicker *picker = find_picker (GTK_WINDOW (dialog));
  g_autoptr(GPtrArray) buttons = wait_for_slots (picker);
  g_autoptr(JsonObject) server = NULL;
  g_autoptr(GDateTime) chosen = NULL;
  g_autofree char *text = NULL;
  EmailWait wait = { app, "grace.hopper@example.org", NULL };
  GtkEditable *name = find_entry_row (GTK_WIDGET (dialog), "Name");
  GtkEditable *email = find_entry_row (GTK_WIDGET (dialog), "E-mail");
  JsonObject *attendee;

  gtk_toggle_button_set_active (g_ptr_array_index (buttons, 1), TRUE);
  chosen = g_date_time_ref (calbook_slot_picker_get_selected_start (picker));

  /* Nothing typed: the fields say what is missing, nothing goes out */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "booking-dialog.book", NULL));
  gui_test_iterate_for (200);
  g_assert_true (has_css_class (name, "error"));
  g_assert_true (has_css_class (email, "error"));
  text = gui_test_visible_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "Enter the client's name"));
  g_assert_cmpuint (outbox_count (context), ==, 0);

  /* Plain names in the pictures (they go to the app stores); markup after */
  gtk_editable_set_text (name, "Grace Hopper");
  gtk_editable_set_text (email, "grace.hopper@");
  g_assert_false (has_css_class (name, "error"));
  g_assert_true (has_css_class (email, "error"));
  gtk_widget_grab_focus (GTK_WIDGET (email));
  shoot (GTK_WINDOW (dialog), "new-booking-error");

  gtk_editable_set_text (email, wait.email);
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Notes for the host (optional)"),
                         "First visit; prefers mornings");
  g_assert_false (has_css_class (email, "error"));
  shoot (GTK_WINDOW (dialog), "new-booking");
  gtk_editable_set_text (name, "Grace <i>Hopper</i>");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "booking-dialog.book", NULL));
  gui_test_wait_until (dialog_gone, GSIZE_TO_POINTER (CALBOOK_TYPE_NEW_BOOKING_DIALOG), 30, "the dialog to close");
  wait_sent (app);

  gui_test_wait_until (store_has_attendee, &wait, 30, "the store to hold the new booking");
  g_assert_cmpint (calbook_booking_get_start (wait.found), ==, g_date_time_to_unix (chosen));
  server = fetch_server_booking (app, calbook_booking_get_uid (wait.found));
  attendee = json_array_get_object_element (json_object_get_array_member (server, "attendees"), 0);
  g_assert_cmpstr (json_object_get_string_member (attendee, "name"), ==, "Grace <i>Hopper</i>");
  g_assert_cmpstr (json_object_get_string_member (attendee, "email"), ==, wait.email);
  g_clear_object (&wait.found);
}

/* A time taken by someone else meanwhile: said, the times refreshed, nothing sent */
static void
check_slot_taken (CalbookApplication *app)
{
  CalbookContext *context = calbook_application_get_context (app);
  CalbookNewBookingDialog *dialog = open_new_booking (app);
  CalbookSlotPicker *picker = find_picker (GTK_WINDOW (dialog));
  g_autoptr(GPtrArray) buttons = wait_for_slots (picker);
  g_autofree char *text = NULL;
  g_autofree char *taken = NULL;
  const char *title;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();

  gtk_toggle_button_set_active (g_ptr_array_index (buttons, 0), TRUE);
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Name"), "Ada Lovelace");
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "E-mail"), "ada@example.org");

  /* Someone books that very time on Cal.com */
  gui_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, combos);
  title = gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (g_ptr_array_index (combos, 0))),
                                      adw_combo_row_get_selected (g_ptr_array_index (combos, 0)));
  taken = book_on_server (app, own_event_type_id (app, title),
                          calbook_slot_picker_get_selected_start (picker),
                          "Someone Else", "someone.else@example.org");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "booking-dialog.book", NULL));
  gui_test_wait_until (picker_ready, picker, 30, "the free times again");
  gui_test_iterate_for (300);
  text = gui_test_visible_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "was just taken"));
  g_assert_null (calbook_slot_picker_get_selected_start (picker));
  g_assert_cmpuint (outbox_count (context), ==, 0);
  g_assert_nonnull (gui_test_find_toplevel (CALBOOK_TYPE_NEW_BOOKING_DIALOG));
  shoot (GTK_WINDOW (dialog), "new-booking-slot-taken");
  events = slot_buttons (picker);
  /* Fewer now (a long booking can cover more than one start) */
  g_assert_cmpuint (events->len, <, buttons->len);
}

typedef struct
{
  CalbookApplication *app;
  const char         *uid;
} MovedWait;

static gboolean
store_has_moved (gpointer data)
{
  MovedWait *wait = data;
  g_autoptr(CalbookBooking) old = store_booking (wait->app, wait->uid);

  return old != NULL && calbook_booking_get_rescheduled_to_uid (old) != NULL;
}

static void
check_moved (CalbookApplication *app,
             CalbookBooking     *booking,
             GDateTime          *new_start)
{
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(JsonObject) fresh = NULL;
  g_autoptr(GDateTime) fresh_start = NULL;
  MovedWait wait = { app, calbook_booking_get_uid (booking) };

  wait_sent (app);
  old = fetch_server_booking (app, calbook_booking_get_uid (booking));
  g_assert_cmpstr (json_object_get_string_member (old, "status"), ==, "cancelled");
  fresh = fetch_server_booking (app, json_object_get_string_member (old, "rescheduledToUid"));
  fresh_start = g_date_time_new_from_iso8601 (json_object_get_string_member (fresh, "start"), NULL);
  g_assert_cmpint (g_date_time_to_unix (fresh_start), ==, g_date_time_to_unix (new_start));
  gui_test_wait_until (store_has_moved, &wait, 30, "the store to hold the move");
}

static void
check_reschedule (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_confirmed_single);
  g_autoptr(GDateTime) chosen = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  CalbookBookingDetails *details;
  CalbookSlotPicker *picker;
  GtkWindow *dialog;

  g_assert_nonnull (booking);
  details = show_booking (app, booking);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.reschedule", NULL));
  dialog = wait_for_dialog (CALBOOK_TYPE_NEW_BOOKING_DIALOG);
  picker = find_picker (dialog);
  gui_test_wait_until (picker_ready, picker, 30, "the free times");

  /* Its own time, when it is one of the free times, is chosen to begin with */
  {
    g_autoptr(GPtrArray) offered = slot_buttons (picker);
    gboolean own_offered = FALSE;

    for (guint i = 0; i < offered->len; i++)
      {
        GDateTime *start = g_object_get_data (g_ptr_array_index (offered, i), "calbook-start");

        own_offered = own_offered || g_date_time_to_unix (start) == calbook_booking_get_start (booking);
      }
    if (own_offered)
      g_assert_cmpint (g_date_time_to_unix (calbook_slot_picker_get_selected_start (picker)), ==,
                       calbook_booking_get_start (booking));
    else
      g_test_message ("the booking's own time is not on the slot grid");
  }

  buttons = wait_for_slots (picker);
  gtk_toggle_button_set_active (g_ptr_array_index (buttons, buttons->len - 1), TRUE);
  chosen = g_date_time_ref (calbook_slot_picker_get_selected_start (picker));
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Reason (optional)"), "Room flooded");
  shoot (dialog, "reschedule-dialog");
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Reason (optional)"), REASON);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "booking-dialog.book", NULL));
  gui_test_wait_until (dialog_gone, GSIZE_TO_POINTER (CALBOOK_TYPE_NEW_BOOKING_DIALOG), 30, "the dialog to close");

  check_moved (app, booking, chosen);
}

static void close_dialog (GtkWindow *dialog);

/* The week view's requests: a new booking at a time, a block dropped on a
 * new time (asked first) */
static void
check_move_by_drag (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_confirmed_single);
  CalbookNewBookingDialog *dialog = open_new_booking (app);
  g_autoptr(GPtrArray) buttons = wait_for_slots (find_picker (GTK_WINDOW (dialog)));
  g_autoptr(GDateTime) target = NULL;
  g_autoptr(GDateTime) end = NULL;
  CalbookView *week;
  GtkWindow *question;

  /* A time the picker says is free for this host */
  gtk_toggle_button_set_active (g_ptr_array_index (buttons, 0), TRUE);
  target = g_date_time_ref (calbook_slot_picker_get_selected_start (find_picker (GTK_WINDOW (dialog))));
  gtk_window_close (GTK_WINDOW (dialog));

  /* The week view asks for a new booking on an empty slot: the form opens there */
  week = calbook_window_get_view (CALBOOK_WINDOW (gui_test_get_window (app)), "week");
  g_assert_nonnull (week);
  end = g_date_time_add_minutes (target, 30);
  g_signal_emit_by_name (week, "create-requested", target, end);
  dialog = CALBOOK_NEW_BOOKING_DIALOG (wait_for_dialog (CALBOOK_TYPE_NEW_BOOKING_DIALOG));
  gui_test_wait_until (dialog_form_shown, dialog, 30, "the event types");
  gui_test_wait_until (picker_ready, find_picker (GTK_WINDOW (dialog)), 30, "the free times");
  gui_test_wait_until (picker_has_start, find_picker (GTK_WINDOW (dialog)), 30, "the asked-for time");
  g_assert_true (g_date_time_equal (calbook_slot_picker_get_selected_start (find_picker (GTK_WINDOW (dialog))),
                                    target));
  close_dialog (GTK_WINDOW (dialog));

  /* A block dropped on a time free for its own event type: asked first, then moved */
  g_clear_pointer (&target, g_date_time_unref);
  target = free_slot (app, calbook_booking_get_event_type_id (booking));
  g_signal_emit_by_name (week, "move-requested", booking, target);
  question = wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpuint (outbox_count (calbook_application_get_context (app)), ==, 0);
  shoot (question, "move-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "move");

  check_moved (app, booking, target);
}

/* Notifications: what reached the real daemon (dunst) */

static gboolean
dunst_shows (gpointer data)
{
  g_autofree char *texts = gui_test_dunst_texts (data);

  if (g_getenv ("CALBOOK_TEST_DEBUG") != NULL)
    g_printerr ("dunst: %s\n", texts);

  return texts != NULL && texts[0] != '\0';
}

/* The id of the signed-in person's event type titled @title */
static gint64
own_event_type_id (CalbookApplication *app,
                   const char         *title)
{
  CalbookContext *context = calbook_application_get_context (app);
  gint64 user_id = calbook_account_get_user_id (calbook_context_get_account (context));
  g_autoptr(GPtrArray) all = all_bookings (context);

  for (guint i = 0; i < all->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (all, i);

      if (g_str_has_prefix (calbook_booking_get_title (booking), title) &&
          calbook_booking_has_host (booking, user_id))
        return calbook_booking_get_event_type_id (booking);
    }

  g_error ("No booking of an event type “%s”", title);
}

/* A client books @event_type_id on Cal.com itself; returns the new uid */
static char *
book_on_server (CalbookApplication *app,
                gint64              event_type_id,
                GDateTime          *start,
                const char         *name,
                const char         *email)
{
  g_autoptr(JsonNode) made = create_on_server (app, event_type_id, start, name, email, 0);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (made));
  return g_strdup (json_object_get_string_member (json_node_get_object (made), "uid"));
}

/* The first free time of @event_type_id from tomorrow on, as Cal.com says */
static GDateTime *
free_slot (CalbookApplication *app,
           gint64              event_type_id)
{
  g_autoptr(GPtrArray) starts = fetch_free_starts (app, event_type_id, 14);

  if (starts->len > 0)
    return g_date_time_ref (g_ptr_array_index (starts, 0));

  g_error ("No free slot");
}

static gboolean
store_has_uid (gpointer data)
{
  StatusWait *wait = data;
  g_autoptr(CalbookBooking) booking = store_booking (wait->app, wait->uid);

  return booking != NULL;
}

/* A client books the first free time of @event_type_id on Cal.com itself
 * and the app syncs it in; returns the new uid */
static char *
book_and_sync (CalbookApplication *app,
               gint64              event_type_id,
               const char         *name,
               const char         *email,
               const char         *what)
{
  g_autoptr(GDateTime) slot = free_slot (app, event_type_id);
  char *uid = book_on_server (app, event_type_id, slot, name, email);
  StatusWait wait = { app, uid, NULL };

  calbook_context_sync_now (calbook_application_get_context (app), FALSE);
  gui_test_wait_until (store_has_uid, &wait, 60, what);

  return uid;
}

/* Cancels the booking @details shows, through its dialog */
static void
cancel_in_dialog (CalbookBookingDetails *details,
                  const char            *reason)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (details), "booking.cancel", NULL);
  dialog = wait_for_dialog (CALBOOK_TYPE_CANCEL_DIALOG);
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Reason"), reason);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel-booking");
}

/* A client's request is notified with buttons; what the user does is not
 * notified (a toast says it); the notification's Decline opens the dialog */
static void
check_notifications (CalbookApplication *app)
{
  CalbookContext *context = calbook_application_get_context (app);
  g_autoptr(CalbookBooking) request = find_booking (app, is_upcoming_pending_single);
  gint64 consultation;
  g_autofree char *uid = NULL;
  g_autofree char *other_uid = NULL;
  g_autofree char *third_uid = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CalbookBooking) booking = NULL;
  g_autoptr(CalbookBooking) other = NULL;
  CalbookDeclineDialog *dialog;

  if (!g_file_test ("/usr/bin/dunstctl", G_FILE_TEST_EXISTS) || !gui_test_have_dunst ())
    {
      g_test_skip ("no dunst on the session bus");
      return;
    }

  /* An event type whose bookings the host confirms: that of a request */
  g_assert_nonnull (request);
  consultation = calbook_booking_get_event_type_id (request);
  uid = book_and_sync (app, consultation, "Zoë <b>Quinn</b>", "zoe.quinn@example.org",
                       "the request to be synced");
  gui_test_wait_until (dunst_shows, (gpointer) "New booking request: Zoë", 30, "the request's notification");

  /* The user confirms it in the window: a toast, no desktop notification */
  booking = store_booking (app, uid);
  gtk_widget_activate_action (GTK_WIDGET (show_booking (app, booking)), "booking.confirm", NULL);
  wait_sent (app);
  before = gui_test_dunst_texts ("Zoë");
  calbook_context_sync_now (context, FALSE);
  wait_for_stored_status (app, uid, "accepted", "the confirmed booking");
  gui_test_iterate_for (1500);
  after = gui_test_dunst_texts ("Zoë");
  g_assert_cmpstr (before, ==, after);
  g_assert_null (strstr (after, "confirmed"));

  /* The notification's Decline: the window, at that booking's decline dialog */
  other_uid = book_and_sync (app, consultation, "Ivo Ilić", "ivo@example.org",
                             "the second request to be synced");
  g_action_group_activate_action (G_ACTION_GROUP (app), "decline-booking",
                                  g_variant_new_string (other_uid));
  dialog = CALBOOK_DECLINE_DIALOG (wait_for_dialog (CALBOOK_TYPE_DECLINE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Ivo Ilić"));
  other = calbook_booking_details_get_booking (calbook_window_get_details (CALBOOK_WINDOW (gui_test_get_window (app))));
  g_assert_cmpstr (calbook_booking_get_uid (other), ==, other_uid);
  g_object_ref (other);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "decline");
  wait_sent (app);
  wait_for_stored_status (app, other_uid, "rejected", "the declined request");

  /* Notifications turned off in the preferences: nothing reaches the desktop */
  g_settings_set_boolean (calbook_application_get_settings (app), "notify-changes", FALSE);
  third_uid = book_and_sync (app, consultation, "Quiet Quentin", "quentin@example.org",
                             "the third request to be synced");
  gui_test_iterate_for (1500);
  g_clear_pointer (&after, g_free);
  after = gui_test_dunst_texts ("Quiet Quentin");
  g_assert_cmpstr (after, ==, "");
}

static gboolean
member_synced (gpointer data)
{
  CalbookContext *context = calbook_application_get_context (data);
  g_autoptr(GPtrArray) bookings = NULL;
  gboolean syncing = TRUE;

  if (context == NULL || calbook_account_is_admin (calbook_context_get_account (context)))
    return FALSE;

  g_object_get (context, "syncing", &syncing, NULL);
  if (syncing)
    return FALSE;
  bookings = all_bookings (context);

  return bookings->len > 0;
}

/* An admin changes a staff member's booking on Cal.com: the member's
 * Calbook names the admin by name, known from a booking the two share
 * (members cannot list the organization), not by e-mail */
static void
check_admin_named (CalbookApplication *app)
{
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  JsonObject *admin = calbook_demo_server_find_account (server, TRUE);
  const char *admin_name = json_object_get_string_member (admin, "name");
  const char *admin_email = json_object_get_string_member (admin, "email");
  g_autoptr(CalbookApiClient) client = new_admin_client (app);
  g_autoptr(CalbookBooking) booking = NULL;
  g_autoptr(GDateTime) slot = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *met_uid = NULL;
  g_autofree char *named = g_strdup_printf ("%s cancelled your", admin_name);
  g_autofree char *texts = NULL;
  CalbookContext *context;
  AsyncWait wait = { NULL };

  if (!gui_test_have_dunst ())
    {
      g_test_skip ("no dunst on the session bus");
      return;
    }

  /* The staff member's own Calbook */
  g_action_group_activate_action (G_ACTION_GROUP (app), "start-demo", g_variant_new_string ("member"));
  gui_test_wait_until (member_synced, app, 120, "the member's first sync");
  context = calbook_application_get_context (app);
  booking = gui_test_find_own_upcoming (context, NULL);

  /* The admin once booked time with the member */
  met_uid = book_and_sync (app, calbook_booking_get_event_type_id (booking), admin_name, admin_email,
                           "the meeting with the admin to be synced");

  /* Now the admin cancels one of the member's bookings */
  body = calbook_mutation_build_cancel_body ("The room is closed for repairs", FALSE);
  calbook_api_client_mutate_booking_async (client, "cancel", calbook_booking_get_uid (booking), body,
                                           NULL, on_async_done_cb, &wait);
  gui_test_wait_until (async_done, &wait, 30, "the admin's cancel");
  cancelled = calbook_api_client_mutate_booking_finish (client, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  calbook_context_sync_now (context, FALSE);
  gui_test_wait_until (dunst_shows, named, 60, "the notification naming the admin");
  texts = gui_test_dunst_texts (named);
  g_assert_nonnull (strstr (texts, "The room is closed for repairs"));
  {
    g_autofree char *by_email = g_strdup_printf ("%s cancelled", admin_email);
    g_autofree char *named_by_email = gui_test_dunst_texts (by_email);

    g_assert_cmpstr (named_by_email, ==, "");
  }
}

/* Accessibility: what AT-SPI (a screen reader's view) says of the window */

static void
on_checker_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ((AsyncWait *) user_data)->result = g_object_ref (result);
}

/* Fails when a control in the app's shown windows has no name, a widget
 * type for a name, or its mnemonic read out */
static void
assert_accessible_names (const char *where)
{
  g_autofree char *script = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GSubprocess) checker = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL };

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("SKIP: no /usr/bin/python3 for AT-SPI\n");
      return;
    }

  script = g_build_filename (g_getenv ("CALBOOK_SOURCE_DIR"), "tests", "gui", "accessible-names.py",
                             NULL);
  checker = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              "/usr/bin/python3", script, pid, NULL);
  g_assert_no_error (error);

  /* The checker asks this process over D-Bus: keep answering meanwhile */
  g_subprocess_communicate_async (checker, NULL, NULL, on_checker_done_cb, &wait);
  /* Walking every control over D-Bus takes long on a loaded machine */
  gui_test_wait_until (async_done, &wait, 240, "the AT-SPI check");
  g_assert_true (g_subprocess_communicate_finish (checker, wait.result, &out, NULL, &error));
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  if (g_subprocess_get_exit_status (checker) == 2)
    {
      g_printerr ("SKIP: not on the accessibility bus\n");
      return;
    }
  if (g_subprocess_get_exit_status (checker) != 0)
    g_error ("%s: controls with a wrong accessible name:\n%.*s", where,
             (int) g_bytes_get_size (out), (const char *) g_bytes_get_data (out, NULL));
}

static void
close_dialog (GtkWindow *dialog)
{
  GType type = G_OBJECT_TYPE (dialog);

  gtk_window_close (dialog);
  gui_test_wait_until (dialog_gone, GSIZE_TO_POINTER (type), 10, "the dialog to close");
}

/* The details and every dialog, as a screen reader hears them */
static void
check_accessible_names (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) pending = find_booking (app, is_upcoming_pending_single);
  g_autoptr(CalbookBooking) confirmed = find_booking (app, is_upcoming_confirmed_single);
  g_autoptr(CalbookBooking) past = find_booking (app, is_past_confirmed_single);
  static const struct
  {
    const char *action;
    gboolean    on_past;
  } dialogs[] = {
    { "booking.cancel", FALSE },
    { "booking.change-location", FALSE },
    { "booking.add-guests", FALSE },
    { "booking.reschedule", FALSE },
    { "booking.mark-no-show", TRUE },
  };
  CalbookBookingDetails *details;
  CalbookNewBookingDialog *booking_dialog;
  GtkWindow *dialog;

  details = show_booking (app, pending);
  assert_accessible_names ("the details of a request");
  gtk_widget_activate_action (GTK_WIDGET (details), "booking.decline", NULL);
  dialog = wait_for_dialog (CALBOOK_TYPE_DECLINE_DIALOG);
  assert_accessible_names ("the decline dialog");
  close_dialog (dialog);

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      guint before = g_list_model_get_n_items (toplevels);
      g_autoptr(GtkWindow) shown = NULL;

      details = show_booking (app, dialogs[i].on_past ? past : confirmed);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), dialogs[i].action, NULL));
      gui_test_iterate_for (500);
      g_assert_cmpuint (g_list_model_get_n_items (toplevels), >, before);
      shown = g_list_model_get_item (toplevels, g_list_model_get_n_items (toplevels) - 1);
      gui_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (G_OBJECT_TYPE (shown)), 10, "the dialog");
      if (CALBOOK_IS_NEW_BOOKING_DIALOG (shown))
        gui_test_wait_until (picker_ready, find_picker (shown), 30, "the free times");
      assert_accessible_names (dialogs[i].action);
      close_dialog (shown);
    }

  booking_dialog = open_new_booking (app);
  wait_for_slots (find_picker (GTK_WINDOW (booking_dialog)));
  assert_accessible_names ("the new booking dialog");
}

/* Offline: the sandbox drops every connection (PATCH /_sandbox/settings) */
static JsonNode *
sandbox_hook (CalbookApplication *app,
              const char         *method,
              const char         *path,
              const char         *body)
{
  CalbookDemoServer *server = calbook_application_get_demo_server (app);

  return gui_test_call_sandbox (calbook_demo_server_get_url (server), method, path, body);
}

/* Offline: the sandbox drops every connection ("drop=1"); NULL for none */
static void
set_sandbox_faults (CalbookApplication *app,
                    const char         *faults)
{
  g_autofree char *body = faults != NULL ? g_strdup_printf ("{\"faults\": \"%s\"}", faults)
                                         : g_strdup ("{\"faults\": null}");
  g_autoptr(JsonNode) reply = sandbox_hook (app, "PATCH", "/_sandbox/settings", body);
}

/* How many times the sandbox applied @kind to @uid (its mutation log) */
static gint64
sandbox_applied (CalbookApplication *app,
                 const char         *uid,
                 const char         *kind)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/mutations?uid=%s", uid);
  g_autoptr(JsonNode) log = sandbox_hook (app, "GET", path, NULL);
  JsonArray *mutations = json_object_get_array_member (json_node_get_object (log), "mutations");
  gint64 n = 0;

  for (guint i = 0; i < json_array_get_length (mutations); i++)
    {
      JsonObject *mutation = json_array_get_object_element (mutations, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (mutation, "kind", ""), kind) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (mutation, "uid", ""), uid) == 0)
        n++;
    }

  return n;
}

static gboolean
context_offline (gpointer data)
{
  gboolean online = TRUE;

  g_object_get (data, "online", &online, NULL);

  return !online;
}

/* Offline, a change waits and shows as pending; Undo drops it; back online
 * the rest goes out */
static void
check_offline (CalbookApplication *app)
{
  CalbookContext *context = calbook_application_get_context (app);
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_confirmed_single);
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *text = NULL;
  CalbookBookingDetails *details;
  GtkWidget *undo;

  g_assert_nonnull (booking);
  set_sandbox_faults (app, "drop=1");
  calbook_context_sync_now (context, FALSE);
  gui_test_wait_until (context_offline, context, 60, "the app to notice it is offline");

  /* A cancel waits, and the card says so */
  details = show_booking (app, booking);
  cancel_in_dialog (details, "Closed for the day");
  gui_test_iterate_for (500);
  g_assert_cmpuint (outbox_count (context), ==, 1);
  text = gui_test_visible_text (GTK_WIDGET (CALBOOK_WINDOW (gui_test_get_window (app))));
  g_assert_nonnull (strstr (text, "it will be sent when Cal.com can be reached"));
  g_clear_pointer (&text, g_free);
  text = gui_test_visible_text (GTK_WIDGET (details));
  g_assert_nonnull (strstr (text, "not reached Cal.com"));
  shoot (GTK_WINDOW (CALBOOK_WINDOW (gui_test_get_window (app))), "details-offline");

  /* Undo while it waits: it is simply dropped */
  undo = find_button_labelled (GTK_WIDGET (CALBOOK_WINDOW (gui_test_get_window (app))), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  gui_test_iterate_for (300);
  g_assert_cmpuint (outbox_count (context), ==, 0);

  /* Again, and this time back online it goes out */
  cancel_in_dialog (details, "Closed for the day");
  gui_test_iterate_for (300);
  g_assert_cmpuint (outbox_count (context), ==, 1);
  g_assert_cmpint (sandbox_applied (app, calbook_booking_get_uid (booking), "cancel"), ==, 0);

  set_sandbox_faults (app, NULL);
  calbook_context_sync_now (context, FALSE);
  wait_sent (app);
  server = fetch_server_booking (app, calbook_booking_get_uid (booking));
  g_assert_cmpstr (json_object_get_string_member (server, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (server, "cancellationReason"), ==,
                   "Closed for the day");
  /* Once: the undone one never went out */
  g_assert_cmpint (sandbox_applied (app, calbook_booking_get_uid (booking), "cancel"), ==, 1);
}

#define SCENARIO(name, function) \
  static void test_##function (void) { gui_test_run_demo (function); }

SCENARIO ("details", check_details)
SCENARIO ("details-narrow", check_details_narrow)
SCENARIO ("confirm", check_confirm)
SCENARIO ("text-as-text", check_text_as_text)
SCENARIO ("decline", check_decline)
SCENARIO ("cancel", check_cancel)
SCENARIO ("cancel-series", check_cancel_series)
SCENARIO ("confirm-series", check_confirm_series)
SCENARIO ("no-show", check_no_show)
SCENARIO ("location", check_location)
SCENARIO ("guests", check_guests)
SCENARIO ("create", check_create)
SCENARIO ("slot-taken", check_slot_taken)
SCENARIO ("reschedule", check_reschedule)
SCENARIO ("move", check_move_by_drag)
SCENARIO ("notifications", check_notifications)
SCENARIO ("admin-named", check_admin_named)
SCENARIO ("accessible-names", check_accessible_names)
SCENARIO ("offline", check_offline)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  if (!gui_test_prepare (&argc, &argv, "calbook-test-booking-XXXXXX", &own_home))
    return 77;

  g_test_add_func ("/gui/booking/details", test_check_details);
  g_test_add_func ("/gui/booking/details-narrow", test_check_details_narrow);
  g_test_add_func ("/gui/booking/confirm", test_check_confirm);
  g_test_add_func ("/gui/booking/text-as-text", test_check_text_as_text);
  g_test_add_func ("/gui/booking/decline-with-reason", test_check_decline);
  g_test_add_func ("/gui/booking/cancel-with-reason", test_check_cancel);
  g_test_add_func ("/gui/booking/cancel-series", test_check_cancel_series);
  g_test_add_func ("/gui/booking/confirm-one-of-pending-series", test_check_confirm_series);
  g_test_add_func ("/gui/booking/no-show", test_check_no_show);
  g_test_add_func ("/gui/booking/location", test_check_location);
  g_test_add_func ("/gui/booking/guests", test_check_guests);
  g_test_add_func ("/gui/booking/create", test_check_create);
  g_test_add_func ("/gui/booking/create-slot-taken", test_check_slot_taken);
  g_test_add_func ("/gui/booking/reschedule-by-dialog", test_check_reschedule);
  g_test_add_func ("/gui/booking/move-by-drag", test_check_move_by_drag);
  g_test_add_func ("/gui/booking/notifications", test_check_notifications);
  g_test_add_func ("/gui/booking/admin-named-in-notification", test_check_admin_named);
  g_test_add_func ("/gui/booking/accessible-names", test_check_accessible_names);
  g_test_add_func ("/gui/booking/offline-then-online", test_check_offline);

  status = g_test_run ();

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
