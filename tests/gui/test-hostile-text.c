/* test-hostile-text.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "gui-test-util.h"
#include "calbook-application-private.h"
#include "calbook-booking-block.h"
#include "calbook-booking-details.h"
#include "calbook-cancel-dialog.h"
#include "calbook-demo-server.h"
#include "calbook-window-private.h"
#include "test-markup.h"

/*
 * Text from the server that tries to be more than text: Pango markup, XML
 * entities, control characters, bidi overrides and a 1 MB title, put into
 * the sandbox's answers (its `raw` hook) for one of the user's bookings and
 * synced as any change would be. The main window's agenda, week block and
 * details must show it literally (labels with markup off), not crash, and
 * still answer (search, selection); the desktop notification's body must
 * reach the daemon escaped.
 */

#define MARKUP_NAME   "<b>Ann</b> & <span foreground=\"red\">O'Brien</span> &amp; &lt;"
#define CONTROL_NAME  "Bell\a Esc\x1b[31m Nul\x01 Tab\tEnd"
#define BIDI_NAME     "Eve \u202Etxt.exe\u202C Adams"
#define MARKUP_NOTES  "Bring <u>papers</u> & <a href=\"http://evil.example\">click</a> \u202Ereversed\u202C\r\n<i>end</i>"
#define MARKUP_PLACE  "Room <3 & <big>Hall</big> \u202Eoof\u202C"
#define MARKUP_TITLE  "<span size=\"xx-large\">Huge</span> & \x1b[2J <b>session</b>"

/* Auxiliary methods */

static CalbookWindow *
get_window (gpointer app)
{
  return CALBOOK_WINDOW (gui_test_get_window (app));
}

static CalbookContext *
get_context (gpointer app)
{
  return calbook_application_get_context (CALBOOK_APPLICATION (app));
}

static const char *
sandbox_url (gpointer app)
{
  return calbook_demo_server_get_url (calbook_application_get_demo_server (CALBOOK_APPLICATION (app)));
}

static CalbookBooking *
find_own_upcoming (CalbookApplication *app,
                   const char         *not_uid)
{
  return gui_test_find_own_upcoming (get_context (app), not_uid);
}

typedef struct
{
  gpointer    app;
  const char *uid;
  const char *title;
} StoreWait;

static gboolean
store_has_title (gpointer data)
{
  StoreWait *wait = data;
  CalbookStore *store = calbook_context_get_store (get_context (wait->app));
  g_autoptr(CalbookBooking) booking = calbook_store_get_booking (store, wait->uid, NULL);

  return booking != NULL && g_strcmp0 (calbook_booking_get_title (booking), wait->title) == 0;
}

/* Makes the sandbox answer @booking with @title, @client as its first
 * attendee's name, @notes and @place (NULL: as they are), stamped as
 * changed now, and waits until the sync stored it */
static void
inject (gpointer        app,
        CalbookBooking *booking,
        const char     *title,
        const char     *client,
        const char     *notes,
        const char     *place)
{
  g_autoptr(JsonObject) object = calbook_booking_to_json (booking);
  g_autoptr(JsonObject) raw = json_object_new ();
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) stamp = g_date_time_add_seconds (now, 1);
  g_autofree char *stamp_text = g_date_time_format (stamp, "%Y-%m-%dT%H:%M:%S.000Z");
  g_autofree char *path = g_strdup_printf ("/_sandbox/bookings/%s", calbook_booking_get_uid (booking));
  g_autofree char *text = NULL;
  StoreWait wait = { app, calbook_booking_get_uid (booking), title };

  json_object_set_string_member (raw, "title", title);
  if (client != NULL)
    {
      JsonArray *attendees = json_object_get_array_member (object, "attendees");

      json_object_set_string_member (json_array_get_object_element (attendees, 0), "name", client);
      json_object_set_array_member (raw, "attendees", json_array_ref (attendees));
    }
  if (notes != NULL)
    json_object_set_string_member (raw, "description", notes);
  if (place != NULL)
    json_object_set_string_member (raw, "location", place);

  json_object_set_object_member (body, "raw", g_steal_pointer (&raw));
  json_object_set_string_member (body, "updatedAt", stamp_text);
  json_node_set_object (node, body);
  text = json_to_string (node, FALSE);
  answer = gui_test_call_sandbox (sandbox_url (app), "PATCH", path, text);

  calbook_context_sync_now (get_context (app), FALSE);
  gui_test_wait_until (store_has_title, &wait, 120, "the hostile booking to be synced");
}

static gboolean
is_drawable (gpointer data)
{
  return gtk_widget_is_drawable (data) && gtk_widget_get_width (data) > 0;
}

static CalbookBookingDetails *
show_booking (gpointer    app,
              const char *uid)
{
  CalbookWindow *window = get_window (app);
  CalbookBookingDetails *details = calbook_window_get_details (window);

  calbook_window_show_booking (window, uid);
  /* A narrow window opens the details pane only when asked */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-details", NULL));
  /* The details pane may slide in (a flap): wait until it is drawn */
  gui_test_wait_until (is_drawable, details, 30, "the details to be shown");
  gui_test_iterate_for (300);
  g_assert_nonnull (calbook_booking_details_get_booking (details));
  g_assert_cmpstr (calbook_booking_get_uid (calbook_booking_details_get_booking (details)), ==, uid);

  return details;
}

/* Every label under @widget that shows @text, exactly; all with markup off */
static guint
count_literal_labels (GtkWidget  *widget,
                      const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  gui_test_collect_widgets (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (!gtk_widget_is_drawable (GTK_WIDGET (label)))
        continue;

      /* Nothing anywhere is read as markup that came from the network */
      if (strstr (gtk_label_get_label (label), "<b>") != NULL ||
          strstr (gtk_label_get_label (label), "<span") != NULL)
        g_assert_false (gtk_label_get_use_markup (label));

      if (strstr (gtk_label_get_text (label), text) != NULL)
        n++;
    }

  return n;
}

/* Every widget of @type under @widget */
static GPtrArray *
collect (GtkWidget *widget,
         GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  gui_test_collect_widgets (widget, type, found);

  return found;
}

static CalbookBookingBlock *
find_block (CalbookWindow *window,
            const char    *uid)
{
  g_autoptr(GPtrArray) blocks = collect (GTK_WIDGET (calbook_window_get_view (window, "week")),
                                         CALBOOK_TYPE_BOOKING_BLOCK);

  for (guint i = 0; i < blocks->len; i++)
    {
      CalbookBookingBlock *block = g_ptr_array_index (blocks, i);

      if (g_strcmp0 (calbook_booking_get_uid (calbook_booking_block_get_booking (block)), uid) == 0)
        return block;
    }

  return NULL;
}

typedef struct
{
  CalbookWindow *window;
  const char    *uid;
} BlockWait;

static gboolean
block_shown (gpointer data)
{
  BlockWait *wait = data;
  CalbookBookingBlock *block = find_block (wait->window, wait->uid);

  return block != NULL && gtk_widget_is_drawable (GTK_WIDGET (block));
}

typedef struct
{
  CalbookWindow *window;
  const char    *text;
} SearchWait;

static gboolean
search_reached_list (gpointer data)
{
  SearchWait *wait = data;
  const CalbookBookingFilter *filter;

  filter = calbook_booking_list_get_filter (calbook_window_get_booking_list (wait->window));

  return g_strcmp0 (filter->text, wait->text) == 0;
}

static gboolean
list_holds (CalbookWindow *window,
            const char    *uid)
{
  GListModel *list = G_LIST_MODEL (calbook_window_get_booking_list (window));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CalbookBooking) booking = g_list_model_get_item (list, i);

      if (g_strcmp0 (calbook_booking_get_uid (booking), uid) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The window still answers: a search finds @other, then picking it shows it */
static void
assert_window_answers (gpointer        app,
                       CalbookBooking *other)
{
  CalbookWindow *window = get_window (app);
  const CalbookPerson *client = g_ptr_array_index (calbook_booking_get_attendees (other), 0);
  SearchWait wait = { window, calbook_person_get_label (client) };

  calbook_window_set_view_name (window, "agenda");
  gtk_editable_set_text (GTK_EDITABLE (calbook_window_get_search_entry (window)), wait.text);
  gui_test_wait_until (search_reached_list, &wait, 30, "the search to reach the list");
  g_assert_true (list_holds (window, calbook_booking_get_uid (other)));

  show_booking (app, calbook_booking_get_uid (other));
  g_assert_cmpuint (count_literal_labels (GTK_WIDGET (calbook_window_get_details (window)), wait.text), >=, 1);

  gtk_editable_set_text (GTK_EDITABLE (calbook_window_get_search_entry (window)), "");
  wait.text = NULL;
  gui_test_wait_until (search_reached_list, &wait, 30, "the search to be cleared");
}

/* Scenarios */

/* Markup, entities, control characters and bidi overrides, in the title,
 * the client's name, the notes and the location */
static void
check_markup (CalbookApplication *app)
{
  CalbookWindow *window = get_window (app);
  g_autoptr(CalbookBooking) booking = find_own_upcoming (app, NULL);
  g_autoptr(CalbookBooking) other = find_own_upcoming (app, calbook_booking_get_uid (booking));
  const char *uid = calbook_booking_get_uid (booking);
  const char *clients[] = { MARKUP_NAME, CONTROL_NAME, BIDI_NAME };
  CalbookBookingDetails *details;
  BlockWait block_wait = { window, uid };

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      /* The bidi case's title has a right-to-left override with no end */
      g_autofree char *title = g_strdup_printf ("%s %u%s", MARKUP_TITLE, i, g_str_equal (clients[i], BIDI_NAME) ? "\u202E" : "");
      CalbookBookingBlock *block;
      SearchWait search = { window, clients[i] };

      inject (app, booking, title, clients[i], MARKUP_NOTES, MARKUP_PLACE);

      /* The details: the client leads, the notes and the place as they are */
      calbook_window_set_view_name (window, "week");
      details = show_booking (app, uid);
      g_assert_cmpuint (count_literal_labels (GTK_WIDGET (details), clients[i]), >=, 1);
      g_assert_cmpuint (count_literal_labels (GTK_WIDGET (details), MARKUP_NOTES), ==, 1);
      {
        g_autofree char *text = gui_test_visible_text (details);

        g_assert_nonnull (strstr (text, MARKUP_PLACE));
        /* "<title> · 45 minutes": the title set apart (FSI … PDI), its
         * override dropped, so that it cannot reverse what follows */
        if (g_str_equal (clients[i], BIDI_NAME))
          {
            g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
            const char *subtitle = NULL;

            for (guint l = 0; lines[l] != NULL; l++)
              if (g_str_has_prefix (lines[l], "\u2068" "<span"))
                subtitle = lines[l];
            g_assert_nonnull (subtitle);
            g_assert_null (strstr (subtitle, "\u202E"));
            g_assert_nonnull (strstr (subtitle, "\u2069 · "));
          }
      }

      /* The week's block */
      gui_test_wait_until (block_shown, &block_wait, 30, "the booking's block in the week");
      block = find_block (window, uid);
      g_assert_cmpstr (calbook_booking_block_get_title_text (block), ==, clients[i]);
      g_assert_cmpuint (count_literal_labels (GTK_WIDGET (block), clients[i]), >=, 1);

      /* The agenda's row, found by searching for the hostile name itself */
      calbook_window_set_view_name (window, "agenda");
      gtk_editable_set_text (GTK_EDITABLE (calbook_window_get_search_entry (window)), clients[i]);
      gui_test_wait_until (search_reached_list, &search, 30, "the search to reach the list");
      g_assert_true (list_holds (window, uid));
      gui_test_iterate_for (300);
      g_assert_cmpuint (count_literal_labels (GTK_WIDGET (calbook_window_get_list_view (window)),
                                              clients[i]), >=, 1);
      gtk_editable_set_text (GTK_EDITABLE (calbook_window_get_search_entry (window)), "");
      search.text = NULL;
      gui_test_wait_until (search_reached_list, &search, 30, "the search to be cleared");

      if (i == 0)
        gui_test_take_window_shot (window, "hostile-markup");
    }

  assert_window_answers (app, other);
}

static gboolean
cancel_dialog_shown (gpointer data)
{
  return gui_test_find_toplevel (CALBOOK_TYPE_CANCEL_DIALOG) != NULL;
}

/* A 1 MB title and notes (one word, no place to wrap, bidi overrides) and
 * an 8 kB client name */
static void
check_huge_title (CalbookApplication *app)
{
  CalbookWindow *window = get_window (app);
  g_autoptr(CalbookBooking) booking = find_own_upcoming (app, NULL);
  g_autoptr(CalbookBooking) other = find_own_upcoming (app, calbook_booking_get_uid (booking));
  const char *uid = calbook_booking_get_uid (booking);
  g_autoptr(GString) title = g_string_new ("\x1b[1m<b>Huge</b>");
  g_autoptr(GString) client = g_string_new ("Zed ");
  CalbookBookingDetails *details;
  BlockWait block_wait = { window, uid };

  while (title->len < 1024 * 1024)
    g_string_append (title, "Wörterbuch\u202E");
  for (guint i = 0; i < 2000; i++)
    g_string_append (client, "Long");

  inject (app, booking, title->str, client->str, title->str, NULL);

  calbook_window_set_view_name (window, "week");
  details = show_booking (app, uid);
  gui_test_iterate_for (300);
  gui_test_wait_until (block_shown, &block_wait, 30, "the booking's block in the week");
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (details)));
  g_assert_cmpuint (count_literal_labels (GTK_WIDGET (details), "Zed LongLong"), >=, 1);
  gui_test_take_window_shot (window, "hostile-huge");

  /* A dialog naming the client opens, with the name cut */
  {
    GtkWindow *dialog;
    const char *body;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.cancel", NULL));
    gui_test_wait_until (cancel_dialog_shown, NULL, 30, "the cancel dialog");
    dialog = gui_test_find_toplevel (CALBOOK_TYPE_CANCEL_DIALOG);
    body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
    g_assert_nonnull (strstr (body, "Zed LongLong"));
    g_assert_cmpuint (strlen (body), <, 16 * 1024);
    gtk_window_close (dialog);
  }

  calbook_window_set_view_name (window, "agenda");
  show_booking (app, uid);

  assert_window_answers (app, other);
}

typedef struct
{
  const char *needle;
  char       *body;
} DunstWait;

/* The body of the notification whose text has @needle, as the daemon got it */
static gboolean
dunst_has_body (gpointer data)
{
  DunstWait *wait = data;
  g_autofree char *texts = gui_test_dunst_texts (wait->needle);
  g_auto(GStrv) lines = NULL;

  if (texts == NULL)
    return FALSE;

  lines = g_strsplit (texts, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strstr (lines[i], ": ");

      if (colon != NULL && strstr (colon, wait->needle) != NULL)
        {
          wait->body = g_strdup (colon + 2);
          return TRUE;
        }
    }

  return FALSE;
}

/* Someone moves the user's booking with a client whose name is markup to a
 * place whose name is markup: the daemon gets the body escaped */
static void
check_notification (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_own_upcoming (app, NULL);
  g_autofree char *text = NULL;
  g_autofree char *before = gui_test_dunst_texts ("Quillfeather");
  DunstWait wait = { "Quillfeather", NULL };

  if (before == NULL)
    {
      g_test_skip ("no dunst on the session bus");
      return;
    }
  g_assert_cmpstr (before, ==, "");

  inject (app, booking, calbook_booking_get_title (booking),
          "Zoë <b>Quillfeather</b> & O'Brien \u202Eevil\u202C", NULL,
          "Room <3 & O'Hara's <i>hall</i>");

  gui_test_wait_until (dunst_has_body, &wait, 60, "the notification about the change");
  g_assert_null (strstr (wait.body, "&apos;"));
  g_assert_null (strstr (wait.body, "\u202E"));
  g_assert_null (strstr (wait.body, "<b>"));
  text = test_markup_text (wait.body);
  g_assert_nonnull (strstr (text, "Zoë <b>Quillfeather</b> & O'Brien evil"));
  g_assert_nonnull (strstr (text, "Room <3 & O'Hara's <i>hall</i>"));
  g_free (wait.body);
}

#define SCENARIO(function) \
  static void test_##function (void) { gui_test_run_demo (function); }

SCENARIO (check_markup)
SCENARIO (check_huge_title)
SCENARIO (check_notification)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  if (!gui_test_prepare (&argc, &argv, "calbook-test-hostile-XXXXXX", &own_home))
    return 77;

  g_test_add_func ("/gui/hostile-text/markup-controls-bidi", test_check_markup);
  g_test_add_func ("/gui/hostile-text/huge-title", test_check_huge_title);
  g_test_add_func ("/gui/hostile-text/notification", test_check_notification);

  status = g_test_run ();

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
