/* test-admin.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libical/ical.h>
#include <libsoup/soup.h>

#include "gui-test-util.h"
#include "calbook-admin-calendar.h"
#include "calbook-admin-cell.h"
#include "calbook-admin-event-titles.h"
#include "calbook-admin-member.h"
#include "calbook-admin-window-private.h"
#include "calbook-application-private.h"
#include "calbook-booking-column-private.h"
#include "calbook-demo-server.h"

/*
 * The admin window of `calbook --demo --admin` (the built-in sandbox, the
 * real client, sync and store) under a real X server. What the window
 * counts is checked against the sandbox's own data, read over HTTP with
 * the admin's key. Each scenario runs the application in a subprocess.
 */

typedef void (*Scenario) (CalbookApplication *app, CalbookAdminWindow *window);


/* Auxiliary methods */


static CalbookAdminWindow *
find_admin_window (CalbookApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CALBOOK_IS_ADMIN_WINDOW (l->data))
      return l->data;

  return NULL;
}

static gboolean
is_synced (gpointer data)
{
  CalbookApplication *app = data;
  CalbookContext *context = calbook_application_get_context (app);
  gboolean syncing = TRUE;

  if (context == NULL || find_admin_window (app) == NULL)
    return FALSE;

  g_object_get (context, "syncing", &syncing, NULL);

  return !syncing && g_list_model_get_n_items (_calbook_admin_window_get_model (find_admin_window (app))) > 0;
}

static gpointer
get_child (CalbookAdminWindow *window,
           const char         *name)
{
  gpointer child = _calbook_admin_window_get_child (window, name);

  g_assert_nonnull (child);
  return child;
}

static guint
visible_count (CalbookAdminWindow *window)
{
  GListModel *model = _calbook_admin_window_get_model (window);
  const char *label = gtk_label_get_text (GTK_LABEL (get_child (window, "count_label")));
  g_autofree char *digits = g_strdup (label);
  guint n = g_list_model_get_n_items (model);
  char *out = digits;

  /* The label and the model agree ("1,234 bookings" → 1234) */
  for (const char *p = label; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      *out++ = *p;
  *out = '\0';
  g_assert_cmpuint ((guint) g_ascii_strtoull (digits, NULL, 10), ==, n);

  return n;
}

/* PATCH /_sandbox/settings with @body (JSON) */
static void
set_sandbox_settings (CalbookApplication *app,
                      const char         *body)
{
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/_sandbox/settings", calbook_demo_server_get_url (server));
  g_autoptr(SoupMessage) message = soup_message_new ("PATCH", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, "application/json", request);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_message_get_status (message), ==, 200);
}

/* "Bearer <key>" of the organization's owner: the test reads the sandbox's
 * truth with a key of its own, so that it never spends the app's (the
 * admin's) 120 requests a minute and makes the app wait out a 429 */
static char *
dup_truth_auth (CalbookApplication *app)
{
  JsonObject *owner = calbook_demo_server_find_account_by_role (calbook_application_get_demo_server (app), "OWNER");

  g_assert_nonnull (owner);
  return g_strdup_printf ("Bearer %s", json_object_get_string_member (owner, "apiKey"));
}

/* Every booking of the organization as the sandbox has it (the admin's view) */
static GPtrArray *
fetch_sandbox_bookings (CalbookApplication *app,
                        const char         *query)
{
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  CalbookContext *context = calbook_application_get_context (app);
  g_autofree char *auth = dup_truth_auth (app);
  g_autoptr(SoupSession) session = soup_session_new ();
  GPtrArray *bookings = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  guint skip = 0;

  for (;;)
    {
      g_autofree char *url = NULL;
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *root;
      JsonArray *data;

      url = g_strdup_printf ("%s/v2/organizations/%" G_GINT64_FORMAT "/bookings?take=250&skip=%u%s%s",
                             calbook_demo_server_get_url (server),
                             calbook_account_get_organization_id (calbook_context_get_account (context)),
                             skip, query != NULL ? "&" : "", query != NULL ? query : "");
      message = soup_message_new ("GET", url);
      soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", auth);
      soup_message_headers_append (soup_message_get_request_headers (message), "cal-api-version", "2024-08-13");
      body = soup_session_send_and_read (session, message, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (soup_message_get_status (message), ==, 200);

      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      data = json_object_get_array_member (root, "data");
      for (guint i = 0; i < json_array_get_length (data); i++)
        g_ptr_array_add (bookings, json_object_ref (json_array_get_object_element (data, i)));

      if (json_array_get_length (data) < 250)
        break;
      skip += 250;
    }

  return bookings;
}

static gboolean
count_is (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (_calbook_admin_window_get_model (args[0])) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_count (CalbookAdminWindow *window,
                guint               expected,
                const char         *what)
{
  gpointer args[] = { window, GUINT_TO_POINTER (expected) };

  gui_test_wait_until (count_is, args, 10, what);
  g_assert_cmpuint (visible_count (window), ==, expected);
}

static gint64
parse_time (JsonObject *booking,
            const char *member)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_object_get_string_member (booking, member), NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

static void
clear_filters (CalbookAdminWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "admin.clear-filters", NULL);
  /* Clear Filters goes back to the upcoming bookings: the cases compare the whole list */
  gtk_widget_activate_action (GTK_WIDGET (window), "admin.date-range", "s", "any");
}

static gboolean admin_windows_closed (gpointer data);
static gboolean flap_open (gpointer data);
static gboolean has_summary_dialog (gpointer data);
static GtkWindow *find_message_dialog (const char *css_class);

/* Scenarios */

static void
check_member_filter (CalbookApplication *app,
                     CalbookAdminWindow *window)
{
  GListModel *members = _calbook_admin_window_get_members (window);
  GtkListView *list = GTK_LIST_VIEW (get_child (window, "member_list"));
  g_autoptr(CalbookAdminMember) member = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *query = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (members), >=, 2);
  member = g_list_model_get_item (members, 1);

  /* Choosing a member in the picker, as a click does */
  g_signal_emit_by_name (list, "activate", 1);
  g_assert_true (calbook_admin_member_get_selected (member));

  query = g_strdup_printf ("userIds=%" G_GINT64_FORMAT, calbook_admin_member_get_user_id (member));
  expected = fetch_sandbox_bookings (app, query);
  g_assert_cmpuint (expected->len, >, 0);
  wait_for_count (window, expected->len, "the member filter");
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (get_child (window, "member_button"))), ==,
                   calbook_admin_member_get_name (member));
  gui_test_take_window_shot (window, "admin-member-filter");

  clear_filters (window);
  g_assert_false (calbook_admin_member_get_selected (member));
}

static gboolean
booking_hosted_by (JsonObject *booking,
                   gint64      user_id)
{
  JsonArray *hosts = json_object_get_array_member (booking, "hosts");

  return json_array_get_length (hosts) > 0 &&
         json_object_get_int_member (json_array_get_object_element (hosts, 0), "id") == user_id;
}

static gboolean
booking_attended_by (JsonObject *booking,
                     const char *email)
{
  JsonArray *attendees = json_object_get_array_member (booking, "attendees");

  for (guint i = 0; i < json_array_get_length (attendees); i++)
    if (g_ascii_strcasecmp (json_object_get_string_member_with_default (json_array_get_object_element (attendees, i),
                                                                        "email", ""), email) == 0)
      return TRUE;

  return FALSE;
}

static guint
find_member (GListModel *members,
             gint64      user_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(CalbookAdminMember) member = g_list_model_get_item (members, i);

      if (calbook_admin_member_get_user_id (member) == user_id)
        return i;
    }

  return G_MAXUINT;
}

/* Two members: every booking either of them is on, as Cal.com's userIds
 * lists it — also a colleague's booking one of them attends, which neither
 * hosts */
static void
check_members_filter (CalbookApplication *app,
                      CalbookAdminWindow *window)
{
  g_autoptr(GPtrArray) all = fetch_sandbox_bookings (app, NULL);
  GListModel *members = _calbook_admin_window_get_members (window);
  GtkListView *list = GTK_LIST_VIEW (get_child (window, "member_list"));
  g_autoptr(CalbookAdminMember) attendee = NULL;
  g_autoptr(CalbookAdminMember) other = NULL;
  g_autoptr(GPtrArray) both = NULL;
  g_autofree char *query = NULL;
  guint attendee_position = G_MAXUINT;
  guint other_position = G_MAXUINT;
  gint64 host_id = 0;
  guint hosted = 0;

  /* A member on a booking another member hosts */
  for (guint m = 0; m < g_list_model_get_n_items (members) && host_id == 0; m++)
    {
      g_autoptr(CalbookAdminMember) member = g_list_model_get_item (members, m);

      for (guint i = 0; i < all->len && host_id == 0; i++)
        {
          JsonObject *booking = g_ptr_array_index (all, i);

          if (!booking_hosted_by (booking, calbook_admin_member_get_user_id (member)) &&
              booking_attended_by (booking, calbook_admin_member_get_email (member)))
            {
              JsonArray *hosts = json_object_get_array_member (booking, "hosts");

              host_id = json_object_get_int_member (json_array_get_object_element (hosts, 0), "id");
              attendee_position = m;
            }
        }
    }
  g_assert_cmpint (host_id, !=, 0);

  /* … and someone else, not that host */
  for (guint m = 0; m < g_list_model_get_n_items (members) && other_position == G_MAXUINT; m++)
    {
      g_autoptr(CalbookAdminMember) member = g_list_model_get_item (members, m);

      if (m != attendee_position && calbook_admin_member_get_user_id (member) != host_id)
        other_position = m;
    }
  g_assert_cmpuint (other_position, !=, G_MAXUINT);
  g_assert_cmpuint (find_member (members, host_id), !=, G_MAXUINT);

  attendee = g_list_model_get_item (members, attendee_position);
  other = g_list_model_get_item (members, other_position);
  g_signal_emit_by_name (list, "activate", attendee_position);
  g_signal_emit_by_name (list, "activate", other_position);
  g_assert_true (calbook_admin_member_get_selected (attendee));
  g_assert_true (calbook_admin_member_get_selected (other));

  query = g_strdup_printf ("userIds=%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                           calbook_admin_member_get_user_id (attendee),
                           calbook_admin_member_get_user_id (other));
  both = fetch_sandbox_bookings (app, query);

  /* More than what the two host */
  for (guint i = 0; i < all->len; i++)
    if (booking_hosted_by (g_ptr_array_index (all, i), calbook_admin_member_get_user_id (attendee)) ||
        booking_hosted_by (g_ptr_array_index (all, i), calbook_admin_member_get_user_id (other)))
      hosted++;
  g_assert_cmpuint (both->len, >, hosted);

  wait_for_count (window, both->len, "the filter for two members");
  gui_test_take_window_shot (window, "admin-members-filter");

  clear_filters (window);
  g_assert_false (calbook_admin_member_get_selected (attendee));
  g_assert_false (calbook_admin_member_get_selected (other));
}

static void
check_status_filter (CalbookApplication *app,
                     CalbookAdminWindow *window)
{
  g_autoptr(GPtrArray) all = fetch_sandbox_bookings (app, NULL);
  GtkDropDown *dropdown = GTK_DROP_DOWN (get_child (window, "status_dropdown"));
  /* The drop-down's choices and what Cal.com calls them */
  static const char *api_status[] = { NULL, "pending", "accepted", "cancelled", "cancelled", "rejected" };

  wait_for_count (window, all->len, "every booking");

  for (guint choice = 1; choice < G_N_ELEMENTS (api_status); choice++)
    {
      guint expected = 0;

      for (guint i = 0; i < all->len; i++)
        {
          JsonObject *booking = g_ptr_array_index (all, i);
          gboolean moved = json_object_has_member (booking, "rescheduledToUid") &&
                           !json_object_get_null_member (booking, "rescheduledToUid");

          if (!g_str_equal (json_object_get_string_member (booking, "status"), api_status[choice]))
            continue;
          /* Cancelled (3) is without a move, Rescheduled (4) with one */
          if ((choice == 3 && moved) || (choice == 4 && !moved))
            continue;
          expected++;
        }

      gtk_drop_down_set_selected (dropdown, choice);
      wait_for_count (window, expected, "the status filter");
    }

  clear_filters (window);
  wait_for_count (window, all->len, "the cleared filters");
}

/* The bookings of @all that overlap the time from @from to @to */
static guint
count_overlapping (GPtrArray *all,
                   GDateTime *from,
                   GDateTime *to)
{
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *booking = g_ptr_array_index (all, i);
      gint64 start = parse_time (booking, "start");
      gint64 end = MAX (parse_time (booking, "end"), start + 1);

      if (start < g_date_time_to_unix (to) && end > g_date_time_to_unix (from))
        n++;
    }

  return n;
}

static void
check_date_filter (CalbookApplication *app,
                   CalbookAdminWindow *window)
{
  g_autoptr(GPtrArray) all = fetch_sandbox_bookings (app, NULL);
  static const char *ranges[] = { "today", "this-week", "next-7-days", "this-month", "last-month" };

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                          g_date_time_get_day_of_month (now), 0, 0, 0);
      g_autoptr(GDateTime) month = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                          1, 0, 0, 0);
      g_autoptr(GDateTime) from = NULL;
      g_autoptr(GDateTime) to = NULL;
      guint expected;

      switch (r)
        {
        case 0:
          from = g_date_time_ref (today);
          to = g_date_time_add_days (today, 1);
          break;
        case 1:
          from = g_date_time_add_days (today, 1 - g_date_time_get_day_of_week (today));
          to = g_date_time_add_days (from, 7);
          break;
        case 2:
          from = g_date_time_ref (today);
          to = g_date_time_add_days (today, 7);
          break;
        case 3:
          from = g_date_time_ref (month);
          to = g_date_time_add_months (month, 1);
          break;
        default:
          from = g_date_time_add_months (month, -1);
          to = g_date_time_ref (month);
          break;
        }

      expected = count_overlapping (all, from, to);
      gtk_widget_activate_action (GTK_WIDGET (window), "admin.date-range", "s", ranges[r]);
      wait_for_count (window, expected, ranges[r]);
    }

  gui_test_take_window_shot (window, "admin-date-filter");
  clear_filters (window);
}

/* The filter's word rule, for ASCII words: some word of @text begins with @word */
static gboolean
text_has_word (const char *text,
               const char *word)
{
  g_autofree char *lower = text != NULL ? g_ascii_strdown (text, -1) : NULL;
  size_t length = strlen (word);

  for (const char *p = lower; p != NULL && *p != '\0'; p++)
    if ((p == lower || !g_ascii_isalnum (p[-1])) && strncmp (p, word, length) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
people_have_word (JsonObject *booking,
                  const char *member,
                  const char *word)
{
  JsonArray *people = json_object_has_member (booking, member)
                      ? json_object_get_array_member (booking, member) : NULL;

  for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);

      if (text_has_word (json_object_get_string_member_with_default (person, "name", NULL), word) ||
          text_has_word (json_object_get_string_member_with_default (person, "email", NULL), word))
        return TRUE;
    }

  return FALSE;
}

static gboolean
booking_has_word (JsonObject *booking,
                  const char *word)
{
  static const char *fields[] = { "title", "description", "location" };
  JsonObject *responses = json_object_has_member (booking, "bookingFieldsResponses") &&
                          JSON_NODE_HOLDS_OBJECT (json_object_get_member (booking, "bookingFieldsResponses"))
                          ? json_object_get_object_member (booking, "bookingFieldsResponses") : NULL;

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    if (json_object_has_member (booking, fields[f]) &&
        JSON_NODE_HOLDS_VALUE (json_object_get_member (booking, fields[f])) &&
        text_has_word (json_object_get_string_member (booking, fields[f]), word))
      return TRUE;

  if (responses != NULL && json_object_has_member (responses, "notes") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (responses, "notes")) &&
      text_has_word (json_object_get_string_member (responses, "notes"), word))
    return TRUE;

  return people_have_word (booking, "attendees", word) || people_have_word (booking, "hosts", word);
}

/* A client's family name, plain ASCII, from the sandbox's data */
static char *
pick_word (GPtrArray *bookings)
{
  for (guint i = 0; i < bookings->len; i++)
    {
      JsonObject *booking = g_ptr_array_index (bookings, i);
      JsonArray *attendees = json_object_get_array_member (booking, "attendees");
      const char *name;
      const char *space;
      gboolean plain = TRUE;

      if (json_array_get_length (attendees) == 0)
        continue;
      name = json_object_get_string_member_with_default (json_array_get_object_element (attendees, 0), "name", "");
      space = strrchr (name, ' ');
      if (space == NULL || strlen (space + 1) < 5)
        continue;
      for (const char *p = space + 1; *p != '\0'; p++)
        plain = plain && g_ascii_isalpha (*p);
      if (plain)
        return g_ascii_strdown (space + 1, -1);
    }

  return NULL;
}

static void
check_text_filter (CalbookApplication *app,
                   CalbookAdminWindow *window)
{
  g_autoptr(GPtrArray) all = fetch_sandbox_bookings (app, NULL);
  GtkEditable *entry = GTK_EDITABLE (get_child (window, "text_entry"));
  g_autofree char *word = pick_word (all);
  guint expected = 0;

  g_assert_nonnull (word);
  for (guint i = 0; i < all->len; i++)
    if (booking_has_word (g_ptr_array_index (all, i), word))
      expected++;
  g_assert_cmpuint (expected, >, 0);

  gtk_editable_set_text (entry, word);
  wait_for_count (window, expected, "the text filter");
  gui_test_take_window_shot (window, "admin-text-filter");

  clear_filters (window);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  wait_for_count (window, all->len, "the cleared filters");
}

static gboolean
has_event_types (gpointer data)
{
  GtkDropDown *dropdown = data;

  return g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) > 1;
}

static void
check_event_type_filter (CalbookApplication *app,
                         CalbookAdminWindow *window)
{
  g_autoptr(GPtrArray) all = fetch_sandbox_bookings (app, NULL);
  GtkDropDown *dropdown = GTK_DROP_DOWN (get_child (window, "event_type_dropdown"));
  guint n_choices;

  gui_test_wait_until (has_event_types, dropdown, 30, "the event types");
  n_choices = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));

  /* Each event type: the window's count is the sandbox's for eventTypeId */
  for (guint choice = 1; choice < n_choices; choice++)
    {
      g_autoptr(CalbookBooking) first = NULL;
      g_autoptr(GPtrArray) expected = NULL;
      g_autofree char *query = NULL;
      gint64 id;

      gtk_drop_down_set_selected (dropdown, choice);
      g_assert_cmpuint (visible_count (window), >, 0);
      first = _calbook_admin_window_dup_booking (window, 0);
      id = calbook_booking_get_event_type_id (first);

      query = g_strdup_printf ("eventTypeId=%" G_GINT64_FORMAT, id);
      expected = fetch_sandbox_bookings (app, query);
      wait_for_count (window, expected->len, "the event type filter");

      for (guint i = 0; i < expected->len; i++)
        g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (expected, i), "eventTypeId"), ==, id);
    }

  clear_filters (window);
  wait_for_count (window, all->len, "the cleared filters");
}

/* Each column sorts both ways, in the store's reference order of its key */
static void
check_sort (CalbookApplication *app,
            CalbookAdminWindow *window)
{
  static const struct {
    const char           *column;
    CalbookBookingColumn  key;
  } columns[] = {
    { "date_column", CALBOOK_BOOKING_COLUMN_START },
    { "time_column", CALBOOK_BOOKING_COLUMN_START },
    { "length_column", CALBOOK_BOOKING_COLUMN_LENGTH },
    { "client_column", CALBOOK_BOOKING_COLUMN_CLIENT },
    { "member_column", CALBOOK_BOOKING_COLUMN_HOST },
    { "event_type_column", CALBOOK_BOOKING_COLUMN_EVENT_TYPE },
    { "status_column", CALBOOK_BOOKING_COLUMN_STATUS },
    { "location_column", CALBOOK_BOOKING_COLUMN_LOCATION },
    { "created_column", CALBOOK_BOOKING_COLUMN_CREATED },
  };
  GtkColumnView *view = _calbook_admin_window_get_column_view (window);
  GListModel *model = _calbook_admin_window_get_model (window);
  /* uid → the full booking, read once: the rows are light summaries */
  g_autoptr(GHashTable) bookings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    for (int direction = 0; direction < 2; direction++)
      {
        GtkColumnViewColumn *column = GTK_COLUMN_VIEW_COLUMN (get_child (window, columns[c].column));
        g_autoptr(CalbookBooking) previous = NULL;
        guint n;

        gtk_column_view_sort_by_column (view, column, direction ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
        n = g_list_model_get_n_items (model);
        g_assert_cmpuint (n, >, 1);

        for (guint i = 0; i < n; i++)
          {
            g_autoptr(CalbookBookingSummary) row = g_list_model_get_item (model, i);
            CalbookBooking *booking = g_hash_table_lookup (bookings, calbook_booking_summary_get_uid (row));
            int order;

            if (booking == NULL)
              {
                booking = _calbook_admin_window_dup_booking (window, i);
                g_assert_cmpstr (calbook_booking_get_uid (booking), ==, calbook_booking_summary_get_uid (row));
                g_hash_table_insert (bookings, g_strdup (calbook_booking_get_uid (booking)), booking);
              }

            if (previous != NULL)
              {
                if (_calbook_booking_column_is_text (columns[c].key))
                  {
                    g_autofree char *a = _calbook_booking_column_dup_text (columns[c].key, previous);
                    g_autofree char *b = _calbook_booking_column_dup_text (columns[c].key, booking);

                    order = strcmp (a, b);
                  }
                else
                  {
                    gint64 a = _calbook_booking_column_get_number (columns[c].key, previous);
                    gint64 b = _calbook_booking_column_get_number (columns[c].key, booking);

                    order = (a > b) - (a < b);
                  }

                if (direction)
                  g_assert_cmpint (order, >=, 0);
                else
                  g_assert_cmpint (order, <=, 0);
              }

            g_set_object (&previous, booking);
          }
      }

  gui_test_take_window_shot (window, "admin-sorted");
}

static GtkWindow *
find_message_dialog (const char *css_class)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (css_class == NULL || gtk_widget_has_css_class (GTK_WIDGET (window), css_class)))
        return window;
    }

  return NULL;
}

static gboolean
has_summary_dialog (gpointer data)
{
  return find_message_dialog ("bulk-summary") != NULL;
}

static JsonObject *
fetch_sandbox_booking (CalbookApplication *app,
                       const char         *uid)
{
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/v2/bookings/%s", calbook_demo_server_get_url (server), uid);
  g_autofree char *auth = dup_truth_auth (app);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", auth);
  soup_message_headers_append (soup_message_get_request_headers (message), "cal-api-version", "2024-08-13");
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_message_get_status (message), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);

  return json_object_ref (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "data"));
}

static gboolean
is_cancellable (CalbookBooking *booking)
{
  CalbookBookingStatus status = calbook_booking_get_status (booking);

  return (status == CALBOOK_BOOKING_STATUS_PENDING || status == CALBOOK_BOOKING_STATUS_CONFIRMED) &&
         calbook_booking_get_end (booking) > g_get_real_time () / G_USEC_PER_SEC;
}

static const char *
get_host_email (CalbookBooking *booking)
{
  GPtrArray *hosts = calbook_booking_get_hosts (booking);

  return hosts->len > 0 ? ((CalbookPerson *) g_ptr_array_index (hosts, 0))->email : "";
}

/* Chooses, among the latest bookings, three that can be cancelled (of two
 * members at least) and one that cannot: every part of the dialog and of
 * the summary is met, with few changes to send */
static GPtrArray *
select_for_bulk (CalbookAdminWindow *window,
                 GPtrArray          *cancellable,
                 GHashTable         *members)
{
  GtkColumnView *view = _calbook_admin_window_get_column_view (window);
  GListModel *model = _calbook_admin_window_get_model (window);
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean have_other = FALSE;

  gtk_column_view_sort_by_column (view, get_child (window, "date_column"), GTK_SORT_DESCENDING);

  for (guint i = 0; i < g_list_model_get_n_items (model) && (cancellable->len < 3 || !have_other); i++)
    {
      g_autoptr(CalbookBooking) booking = _calbook_admin_window_dup_booking (window, i);

      if (is_cancellable (booking))
        {
          /* The second one of another member */
          if (cancellable->len == 3 ||
              (cancellable->len == 1 && g_hash_table_contains (members, get_host_email (booking))))
            continue;
          g_ptr_array_add (cancellable, g_object_ref (booking));
          g_hash_table_add (members, g_strdup (get_host_email (booking)));
        }
      else if (have_other)
        continue;
      else
        have_other = TRUE;

      gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, chosen->len == 0);
      g_ptr_array_add (chosen, g_steal_pointer (&booking));
    }
  g_assert_cmpuint (cancellable->len, ==, 3);
  g_assert_true (have_other);

  return chosen;
}

static void
check_bulk_cancel (CalbookApplication *app,
                   CalbookAdminWindow *window)
{
  g_autoptr(GPtrArray) cancellable = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) chosen = NULL;
  g_autofree char *expected_count = NULL;
  g_autofree char *expected_done = NULL;
  const char *reason = "Office closed for the move — sorry!";
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  chosen = select_for_bulk (window, cancellable, members);
  g_assert_cmpuint (chosen->len, ==, 4);
  g_assert_cmpuint (g_hash_table_size (members), >, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "admin.bulk-cancel", NULL);
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog (NULL));
  g_assert_nonnull (dialog);

  /* One confirmation, with how many bookings of how many members */
  expected_count = g_strdup_printf ("%u bookings of %u members", cancellable->len, g_hash_table_size (members));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected_count));

  /* The one reason is required */
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (GTK_EDITABLE (entry), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gui_test_take_window_shot (dialog, "admin-bulk-confirm");
  adw_message_dialog_response (dialog, "apply");

  gui_test_wait_until (has_summary_dialog, NULL, 120, "the summary of the bulk cancel");
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog ("bulk-summary"));
  expected_done = g_strdup_printf ("%u bookings cancelled.", cancellable->len);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), expected_done));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "already cancelled, declined or over"));
  gui_test_take_window_shot (dialog, "admin-bulk-summary");
  adw_message_dialog_response (dialog, "close");

  /* Every one of them is cancelled on the sandbox, with the reason */
  for (guint i = 0; i < cancellable->len; i++)
    {
      g_autoptr(JsonObject) booking = fetch_sandbox_booking (app, calbook_booking_get_uid (g_ptr_array_index (cancellable, i)));

      g_assert_cmpstr (json_object_get_string_member (booking, "status"), ==, "cancelled");
      g_assert_cmpstr (json_object_get_string_member (booking, "cancellationReason"), ==, reason);
    }
}

static gboolean
booking_is_accepted_on_sandbox (gpointer data)
{
  gpointer *args = data;
  g_autoptr(JsonObject) booking = fetch_sandbox_booking (args[0], args[1]);

  return g_str_equal (json_object_get_string_member (booking, "status"), "accepted");
}

/* The details pane names the booking's member once (not above the
 * details and again among the hosts), with their e-mail address */
static void
assert_names_member_once (CalbookAdminWindow *window,
                          const char         *name,
                          const char         *email)
{
  AdwFlap *flap = ADW_FLAP (get_child (window, "details_flap"));
  g_autofree char *text = NULL;
  guint n = 0;

  gui_test_wait_until (flap_open, flap, 20, "the details pane to open");
  text = gui_test_visible_text (adw_flap_get_flap (flap));

  for (const char *p = strstr (text, name); p != NULL; p = strstr (p + 1, name))
    n++;
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (text, email));
}

/* booking.confirm on another member's request, with the admin's key; the
 * details name the owning member as the organization knows them */
static void
check_manage (CalbookApplication *app,
              CalbookAdminWindow *window)
{
  CalbookContext *context = calbook_application_get_context (app);
  gint64 admin_id = calbook_account_get_user_id (calbook_context_get_account (context));
  GListModel *model = _calbook_admin_window_get_model (window);
  GListModel *members = _calbook_admin_window_get_members (window);
  g_autoptr(CalbookAdminMember) owner = NULL;
  g_autofree char *uid = NULL;
  gint64 owner_id = 0;
  gpointer args[2];

  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_child (window, "status_dropdown")), 1);

  for (guint i = 0; i < g_list_model_get_n_items (model) && uid == NULL; i++)
    {
      g_autoptr(CalbookBooking) booking = _calbook_admin_window_dup_booking (window, i);
      GPtrArray *hosts = calbook_booking_get_hosts (booking);

      if (hosts->len == 0 || ((CalbookPerson *) g_ptr_array_index (hosts, 0))->user_id == admin_id ||
          calbook_booking_get_end (booking) <= g_get_real_time () / G_USEC_PER_SEC)
        continue;

      gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
      uid = g_strdup (calbook_booking_get_uid (booking));
      owner_id = ((CalbookPerson *) g_ptr_array_index (hosts, 0))->user_id;
    }
  g_assert_nonnull (uid);

  for (guint i = 0; i < g_list_model_get_n_items (members) && owner == NULL; i++)
    {
      g_autoptr(CalbookAdminMember) member = g_list_model_get_item (members, i);

      if (calbook_admin_member_get_user_id (member) == owner_id)
        owner = g_steal_pointer (&member);
    }
  g_assert_nonnull (owner);
  assert_names_member_once (window, calbook_admin_member_get_name (owner), calbook_admin_member_get_email (owner));
  gui_test_take_window_shot (window, "admin-details");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "booking.confirm", NULL));
  args[0] = app;
  args[1] = uid;
  gui_test_wait_until (booking_is_accepted_on_sandbox, args, 60, "the confirmation on the sandbox");
}

/* Declining several requests at once: each is rejected on the sandbox */
static void
check_bulk_decline (CalbookApplication *app,
                    CalbookAdminWindow *window)
{
  GListModel *model = _calbook_admin_window_get_model (window);
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected_done = NULL;
  AdwMessageDialog *dialog;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_child (window, "status_dropdown")), 1);
  for (guint i = 0; i < g_list_model_get_n_items (model) && uids->len < 2; i++)
    {
      g_autoptr(CalbookBooking) booking = _calbook_admin_window_dup_booking (window, i);

      if (calbook_booking_get_end (booking) <= g_get_real_time () / G_USEC_PER_SEC)
        continue;
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, uids->len == 0);
      g_ptr_array_add (uids, g_strdup (calbook_booking_get_uid (booking)));
    }
  g_assert_cmpuint (uids->len, ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (window), "admin.bulk-decline", NULL);
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog (NULL));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Decline the Selected Bookings?");
  /* A reason is optional when declining */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Fully booked that week");
  adw_message_dialog_response (dialog, "apply");

  gui_test_wait_until (has_summary_dialog, NULL, 120, "the summary of the bulk decline");
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog ("bulk-summary"));
  expected_done = g_strdup_printf ("%u bookings declined.", uids->len);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), expected_done));
  adw_message_dialog_response (dialog, "close");

  for (guint i = 0; i < uids->len; i++)
    {
      g_autoptr(JsonObject) booking = fetch_sandbox_booking (app, g_ptr_array_index (uids, i));

      g_assert_cmpstr (json_object_get_string_member (booking, "status"), ==, "rejected");
    }
}

static gboolean
admin_window_is_back (gpointer data)
{
  CalbookAdminWindow *window = find_admin_window (data);

  return window != NULL && g_list_model_get_n_items (_calbook_admin_window_get_model (window)) > 0;
}

/* Closes the admin window and opens it again, as the menu item does */
static CalbookAdminWindow *
reopen_admin_window (CalbookApplication *app,
                     CalbookAdminWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_wait_until (admin_windows_closed, app, 30, "the admin window to close");

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-admin", NULL);
  gui_test_wait_until (admin_window_is_back, app, 60, "the admin window");
  window = find_admin_window (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);

  return window;
}

/* The sort and the column widths come back with the window */
static void
check_remembered_layout (CalbookApplication *app,
                         CalbookAdminWindow *window)
{
  GtkColumnView *view = _calbook_admin_window_get_column_view (window);
  GListModel *model;
  g_autoptr(CalbookBooking) first = NULL;
  g_autoptr(CalbookBooking) last = NULL;
  g_autofree char *first_client = NULL;
  g_autofree char *last_client = NULL;
  guint n;

  gtk_column_view_sort_by_column (view, get_child (window, "client_column"), GTK_SORT_DESCENDING);
  gtk_column_view_column_set_fixed_width (get_child (window, "member_column"), 231);

  window = reopen_admin_window (app, window);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (get_child (window, "member_column")), ==, 231);

  model = _calbook_admin_window_get_model (window);
  n = g_list_model_get_n_items (model);
  first = _calbook_admin_window_dup_booking (window, 0);
  last = _calbook_admin_window_dup_booking (window, n - 1);
  first_client = _calbook_booking_column_dup_text (CALBOOK_BOOKING_COLUMN_CLIENT, first);
  last_client = _calbook_booking_column_dup_text (CALBOOK_BOOKING_COLUMN_CLIENT, last);
  g_assert_cmpint (strcmp (first_client, last_client), >, 0);
  gui_test_take_window_shot (window, "admin-remembered");

  /* Back to the defaults for the cases after this one */
  gtk_column_view_sort_by_column (_calbook_admin_window_get_column_view (window),
                                  get_child (window, "date_column"), GTK_SORT_ASCENDING);
  gtk_column_view_column_set_fixed_width (get_child (window, "member_column"), 160);
}

/* The banner, fully open (its revealer's transition over) */
static gboolean
access_problem_shown (gpointer data)
{
  GtkRevealer *revealer = GTK_REVEALER (get_child (data, "access_revealer"));

  return gtk_revealer_get_reveal_child (revealer) && gtk_revealer_get_child_revealed (revealer);
}

static gboolean
is_member_now (gpointer data)
{
  CalbookContext *context = calbook_application_get_context (data);
  gboolean syncing = TRUE;

  g_object_get (context, "syncing", &syncing, NULL);

  return !syncing && !calbook_account_is_admin (calbook_context_get_account (context));
}

static gboolean
is_admin_again (gpointer data)
{
  CalbookContext *context = calbook_application_get_context (data);
  gboolean syncing = TRUE;

  g_object_get (context, "syncing", &syncing, NULL);

  return !syncing && calbook_account_is_admin (calbook_context_get_account (context));
}

static gboolean
shows_only_own (gpointer data)
{
  gpointer *args = data;
  GListModel *model = _calbook_admin_window_get_model (args[0]);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CalbookBookingSummary) row = g_list_model_get_item (model, i);

      if (g_ascii_strcasecmp (calbook_booking_summary_get_host_email (row), calbook_account_get_email (args[1])) != 0)
        {
          g_autoptr(CalbookBooking) booking = _calbook_admin_window_dup_booking (args[0], i);

          if (!calbook_booking_involves_user (booking, calbook_account_get_user_id (args[1]),
                                              calbook_account_get_email (args[1])))
            return FALSE;
        }
    }

  return TRUE;
}

/* An organization without Admin API access: Cal.com's 403, said plainly,
 * also once the sync took the refusal (the account is a member's then),
 * and then only the admin's own bookings, as it says */
static void
check_no_admin_api (CalbookApplication *app,
                    CalbookAdminWindow *window)
{
  GtkLabel *label;
  const char *text;
  gpointer args[2];

  set_sandbox_settings (app, "{\"adminApi\": false}");
  window = reopen_admin_window (app, window);
  gui_test_wait_until (access_problem_shown, window, 30, "the access message");
  label = GTK_LABEL (get_child (window, "access_label"));
  text = gtk_label_get_text (label);
  g_assert_true (g_str_has_prefix (text, "Cal.com refused the organization's bookings: "));
  g_assert_nonnull (strstr (text, "This organization has no Admin API access."));
  g_assert_nonnull (strstr (text, "Only your own bookings are shown."));
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (label)));

  /* The sync hears the same 403: the account is a member's from then on */
  calbook_context_sync_now (calbook_application_get_context (app), FALSE);
  gui_test_wait_until (is_member_now, app, 120, "the sync to take the refusal");
  g_assert_true (access_problem_shown (window));
  gui_test_take_window_shot (window, "admin-no-admin-api");

  /* What the banner says: only the admin's own bookings in the table */
  args[0] = window;
  args[1] = calbook_context_get_account (calbook_application_get_context (app));
  gui_test_wait_until (shows_only_own, args, 30, "only the admin's own bookings");
  g_assert_cmpuint (g_list_model_get_n_items (_calbook_admin_window_get_model (window)), >, 0);

  /* Allowed again: a full pass asks about the role, and the account is an
   * admin's once more (the cases after this one are an admin's) */
  set_sandbox_settings (app, "{\"adminApi\": true}");
  calbook_context_sync_now (calbook_application_get_context (app), TRUE);
  gui_test_wait_until (is_admin_again, app, 120, "the sync to take the access back");
  g_assert_false (access_problem_shown (window));
}

/* The day numbers @calendar shows for its own month */
static GtkWidget *
find_day_label (GtkCalendar *calendar,
                int          day)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *text = g_strdup_printf ("%d", day);

  gui_test_collect_widgets (calendar, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_has_css_class (label, "day-number") && !gtk_widget_has_css_class (label, "other-month") &&
          g_str_equal (gtk_label_get_text (GTK_LABEL (label)), text))
        return label;
    }

  return NULL;
}

static gboolean
day_is_selected (gpointer data)
{
  gpointer *args = data;
  g_autoptr(GDateTime) date = gtk_calendar_get_date (args[0]);

  return g_date_time_get_day_of_month (date) == GPOINTER_TO_INT (args[1]);
}

/* Clicks @day of the month @calendar shows, with the real pointer */
static void
click_day (GtkCalendar *calendar,
           int          day)
{
  GtkWidget *label = find_day_label (calendar, day);
  gpointer args[] = { calendar, GINT_TO_POINTER (day) };

  g_assert_nonnull (label);
  gui_test_click (label);
  gui_test_wait_until (day_is_selected, args, 10, "the day to be chosen");
}

/* From and To picked in the popover's calendars, days of this month */
static void
check_date_calendars (CalbookApplication *app,
                      CalbookAdminWindow *window)
{
  g_autoptr(GPtrArray) all = fetch_sandbox_bookings (app, NULL);
  GtkMenuButton *button = GTK_MENU_BUTTON (get_child (window, "date_button"));
  GtkPopover *popover = GTK_POPOVER (get_child (window, "date_popover"));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) from = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now), 10, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now), 21, 0, 0, 0);
  /* The 10th to the 20th */
  guint expected = count_overlapping (all, from, to);

  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, all->len);

  gui_test_click (button);
  gui_test_wait_until (gui_test_is_mapped, popover, 10, "the date popover");
  click_day (GTK_CALENDAR (get_child (window, "from_calendar")), 10);
  click_day (GTK_CALENDAR (get_child (window, "to_calendar")), 20);
  wait_for_count (window, expected, "the days picked in the calendars");
  g_assert_cmpstr (gtk_menu_button_get_label (button), !=, "Any Date");
  gui_test_take_window_shot (popover, "admin-date-calendars");
  gtk_popover_popdown (popover);

  clear_filters (window);
  wait_for_count (window, all->len, "the cleared filters");
}

/* Whether @cell's row lies within what its column view shows (the view
 * keeps some rows laid out beyond its edges) */
static gboolean
is_in_view (GtkWidget *cell)
{
  GtkWidget *view = gtk_widget_get_ancestor (cell, GTK_TYPE_COLUMN_VIEW);
  graphene_rect_t bounds;

  return view != NULL && gtk_widget_compute_bounds (cell, view, &bounds) &&
         bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (view);
}

/* The cell of @column showing @booking's row, drawn in view */
static GtkWidget *
find_cell (GtkWidget          *widget,
           CalbookAdminColumn  column,
           const char         *uid)
{
  if (CALBOOK_IS_ADMIN_CELL (widget))
    {
      g_autoptr(CalbookBookingSummary) booking = NULL;
      CalbookAdminColumn cell_column;

      g_object_get (widget, "booking", &booking, "column", &cell_column, NULL);
      return booking != NULL && cell_column == column && gtk_widget_is_drawable (widget) && is_in_view (widget) &&
             (uid == NULL || g_str_equal (calbook_booking_summary_get_uid (booking), uid)) ? widget : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, column, uid);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
tooltip_shows (gpointer data)
{
  gpointer *args = data;
  GtkWidget *tooltip = gui_test_find_tooltip (args[0]);
  g_autofree char *text = tooltip != NULL ? gui_test_visible_text (tooltip) : NULL;
  GtkWidget *cell;

  if (text != NULL && strstr (text, args[1]) != NULL)
    return TRUE;

  /* A reload of the table (a count, a sync) rebuilds its rows: point at
   * the new cell of the same row, the tooltip is asked again on motion */
  cell = find_cell (GTK_WIDGET (_calbook_admin_window_get_column_view (args[0])), CALBOOK_ADMIN_COLUMN_MEMBER, args[2]);
  if (cell != NULL && cell != args[3])
    {
      args[3] = cell;
      gui_test_pointer_to (cell);
    }

  return FALSE;
}

/* The pointer resting on a member's name shows their e-mail address */
static void
check_member_email_tooltip (CalbookApplication *app,
                            CalbookAdminWindow *window)
{
  GtkWidget *cell = NULL;
  g_autoptr(CalbookBookingSummary) booking = NULL;
  g_autoptr(JsonObject) truth = NULL;
  JsonArray *hosts;
  const char *email;
  gpointer args[4];

  /* A row in view, with its member's cell */
  gui_test_take_window_shot (window, "admin-table");
  cell = find_cell (GTK_WIDGET (_calbook_admin_window_get_column_view (window)), CALBOOK_ADMIN_COLUMN_MEMBER, NULL);
  g_assert_nonnull (cell);
  g_object_get (cell, "booking", &booking, NULL);

  /* The address as the sandbox has it */
  truth = fetch_sandbox_booking (app, calbook_booking_summary_get_uid (booking));
  hosts = json_object_get_array_member (truth, "hosts");
  g_assert_cmpuint (json_array_get_length (hosts), >, 0);
  email = json_object_get_string_member (json_array_get_object_element (hosts, 0), "email");
  g_assert_nonnull (strchr (email, '@'));

  args[0] = window;
  args[1] = (gpointer) email;
  args[2] = (gpointer) calbook_booking_summary_get_uid (booking);
  args[3] = NULL;
  gui_test_wait_until (tooltip_shows, args, 20, "the member's e-mail in a tooltip");
  gui_test_take_window_shot (window, "admin-member-tooltip");
}

static gboolean
flap_open (gpointer data)
{
  return adw_flap_get_reveal_flap (data) && adw_flap_get_reveal_progress (data) >= 1.0;
}

static gboolean
flap_closed (gpointer data)
{
  return !adw_flap_get_reveal_flap (data) && adw_flap_get_reveal_progress (data) <= 0.0;
}

static gboolean
nothing_selected (gpointer data)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (data);

  return gtk_bitset_is_empty (selected);
}

/* The drawable button under @widget that activates @action */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  gui_test_collect_widgets (widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_is_drawable (g_ptr_array_index (buttons, i)) &&
        g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

/* A row clicked with the real pointer opens the details beside the table,
 * naming the owning member as the sandbox does; the pane's close button,
 * or Escape, closes it and leaves nothing chosen */
static void
check_details_pane (CalbookApplication *app,
                    CalbookAdminWindow *window)
{
  AdwFlap *flap = ADW_FLAP (get_child (window, "details_flap"));
  GtkSelectionModel *model = GTK_SELECTION_MODEL (_calbook_admin_window_get_model (window));
  const char *admin_email = calbook_account_get_email (calbook_context_get_account (calbook_application_get_context (app)));
  GtkWidget *cell;
  GtkWidget *close_button;
  g_autoptr(CalbookBookingSummary) row = NULL;
  g_autoptr(JsonObject) truth = NULL;
  JsonObject *host;

  g_assert_true (flap_closed (flap));
  /* A row in view of another member than the admin (whose own name the
   * details leave out) */
  cell = NULL;
  for (guint i = 0; cell == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(CalbookBookingSummary) candidate = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (g_ascii_strcasecmp (calbook_booking_summary_get_host_email (candidate), admin_email) != 0)
        cell = find_cell (GTK_WIDGET (_calbook_admin_window_get_column_view (window)), CALBOOK_ADMIN_COLUMN_CLIENT,
                          calbook_booking_summary_get_uid (candidate));
    }
  g_assert_nonnull (cell);
  g_object_get (cell, "booking", &row, NULL);
  gui_test_click (cell);
  gui_test_wait_until (flap_open, flap, 20, "the details pane to open");
  /* The clicked row, alone */
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
    g_autoptr(CalbookBookingSummary) chosen = NULL;

    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
    chosen = g_list_model_get_item (G_LIST_MODEL (model), gtk_bitset_get_nth (selected, 0));
    g_assert_cmpstr (calbook_booking_summary_get_uid (chosen), ==, calbook_booking_summary_get_uid (row));
  }

  truth = fetch_sandbox_booking (app, calbook_booking_summary_get_uid (row));
  host = json_array_get_object_element (json_object_get_array_member (truth, "hosts"), 0);
  assert_names_member_once (window, json_object_get_string_member (host, "name"),
                            json_object_get_string_member (host, "email"));
  gui_test_take_window_shot (window, "admin-details-pane");

  close_button = find_action_button (GTK_WIDGET (flap), "admin.close-details");
  g_assert_nonnull (close_button);
  gui_test_click (close_button);
  gui_test_wait_until (flap_closed, flap, 20, "the details pane to close");
  g_assert_true (nothing_selected (model));

  /* Again, closed from the keyboard */
  gui_test_click (cell);
  gui_test_wait_until (flap_open, flap, 20, "the details pane to open again");
  gui_test_key ("Escape");
  gui_test_wait_until (flap_closed, flap, 20, "Escape to close the details pane");
  g_assert_true (nothing_selected (model));
}

/* The title of event type @id among @username's, as the sandbox lists them */
static char *
fetch_event_type_title (CalbookApplication *app,
                        const char         *username,
                        gint64              id)
{
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *escaped = g_uri_escape_string (username, NULL, TRUE);
  g_autofree char *url = g_strdup_printf ("%s/v2/event-types?username=%s", calbook_demo_server_get_url (server), escaped);
  g_autofree char *auth = dup_truth_auth (app);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *types;

  soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", auth);
  soup_message_headers_append (soup_message_get_request_headers (message), "cal-api-version", "2024-06-14");
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_message_get_status (message), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);

  types = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "data");
  for (guint i = 0; i < json_array_get_length (types); i++)
    {
      JsonObject *type = json_array_get_object_element (types, i);

      if (json_object_get_int_member (type, "id") == id)
        return g_strdup (json_object_get_string_member (type, "title"));
    }

  return NULL;
}

static gboolean
cell_shows (gpointer data)
{
  gpointer *args = data;
  g_autofree char *shown = gui_test_visible_text (args[0]);

  return g_str_equal (g_strchomp (shown), args[1]);
}

/* The Event Type column names each row's event type by its title, as the
 * member's event types on the sandbox have it (not by its slug) */
static void
check_event_type_titles (CalbookApplication *app,
                         CalbookAdminWindow *window)
{
  GtkWidget *view = GTK_WIDGET (_calbook_admin_window_get_column_view (window));
  GListModel *model = _calbook_admin_window_get_model (window);

  /* The first rows of the table */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CalbookBookingSummary) row = g_list_model_get_item (model, i);
      g_autoptr(JsonObject) truth = fetch_sandbox_booking (app, calbook_booking_summary_get_uid (row));
      JsonObject *host = json_array_get_object_element (json_object_get_array_member (truth, "hosts"), 0);
      gint64 id = json_object_get_int_member (truth, "eventTypeId");
      g_autofree char *title = fetch_event_type_title (app, json_object_get_string_member (host, "username"), id);
      GtkWidget *cell = find_cell (view, CALBOOK_ADMIN_COLUMN_EVENT_TYPE, calbook_booking_summary_get_uid (row));
      gpointer args[2];

      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, calbook_booking_summary_get_event_type_slug (row));
      g_assert_nonnull (cell);
      args[0] = cell;
      args[1] = title;
      gui_test_wait_until (cell_shows, args, 30, "the event type's title");
    }
}

static gboolean
first_titles_known (gpointer data)
{
  CalbookAdminWindow *window = data;
  GListModel *model = _calbook_admin_window_get_model (window);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CalbookBookingSummary) row = g_list_model_get_item (model, i);

      if (row == NULL ||
          calbook_admin_window_lookup_event_type_title (window, calbook_booking_summary_get_event_type_id (row)) == NULL)
        return FALSE;
    }

  return TRUE;
}

/* How many times the sandbox was asked @request ("GET /v2/event-types") */
static guint
count_sandbox_requests (CalbookApplication *app,
                        const char         *request)
{
  const char *url = calbook_demo_server_get_url (calbook_application_get_demo_server (app));
  g_autoptr(JsonNode) answer = gui_test_call_sandbox (url, "GET", "/_sandbox/requests", NULL);
  JsonObject *requests = json_object_get_object_member (json_node_get_object (answer), "requests");

  return (guint) json_object_get_int_member_with_default (requests, request, 0);
}

static gboolean
event_types_asked (gpointer data)
{
  gpointer *args = data;

  return count_sandbox_requests (args[0], "GET /v2/event-types") >= GPOINTER_TO_UINT (args[1]);
}

/* The event types' titles are kept for the account: a second window shows
 * them without asking Cal.com again (a member's event types are one
 * request each) */
static void
check_event_types_kept (CalbookApplication *app,
                        CalbookAdminWindow *window)
{
  const char *url = calbook_demo_server_get_url (calbook_application_get_demo_server (app));
  CalbookContext *context = calbook_application_get_context (app);
  CalbookAdminEventTitles *titles = calbook_admin_event_titles_get_for_context (context);
  g_autoptr(JsonNode) cleared = NULL;
  g_autoptr(GPtrArray) members = NULL;
  gpointer args[2];

  /* The first window has them (the case before this one) */
  gui_test_wait_until (first_titles_known, window, 30, "the first window's titles");
  cleared = gui_test_call_sandbox (url, "DELETE", "/_sandbox/requests", NULL);

  window = reopen_admin_window (app, window);
  gui_test_wait_until (first_titles_known, window, 30, "the titles in the second window");
  g_assert_cmpuint (count_sandbox_requests (app, "GET /v2/event-types"), ==, 0);
  check_event_type_titles (app, window);

  /* Old titles are asked again: once per member */
  _calbook_admin_event_titles_set_fresh_seconds (titles, 0);
  members = calbook_store_list_members (calbook_context_get_store (context), NULL);
  g_assert_nonnull (members);
  calbook_admin_event_titles_refresh (titles, members);
  args[0] = app;
  args[1] = GUINT_TO_POINTER (members->len);
  gui_test_wait_until (event_types_asked, args, 30, "every member's event types asked again");
  _calbook_admin_event_titles_set_fresh_seconds (titles, 10 * 60);
}

/* Filters that match nothing say so on the table's page, with a button
 * that clears them: a search with no hit, and days with no booking */
static gboolean
shows_empty_page (gpointer data)
{
  gpointer *args = data;
  GtkStack *stack = get_child (args[0], "table_stack");
  AdwStatusPage *page = get_child (args[0], "empty_page");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0 &&
         gtk_widget_is_drawable (GTK_WIDGET (page)) &&
         g_strcmp0 (adw_status_page_get_title (page), args[1]) == 0;
}

static gboolean
shows_rows (gpointer data)
{
  CalbookAdminWindow *window = data;
  GtkStack *stack = get_child (window, "table_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "rows") == 0 &&
         g_list_model_get_n_items (_calbook_admin_window_get_model (window)) > 0 &&
         gtk_widget_is_drawable (GTK_WIDGET (_calbook_admin_window_get_column_view (window)));
}

static void
check_empty_state (CalbookApplication *app,
                   CalbookAdminWindow *window)
{
  GtkWidget *button = get_child (window, "empty_button");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_years (now, 2);
  gpointer args[2] = { window, (gpointer) "No Results Found" };

  g_assert_true (shows_rows (window));
  gtk_editable_set_text (GTK_EDITABLE (get_child (window, "text_entry")), "qqzxwv");
  gui_test_wait_until (shows_empty_page, args, 20, "the page of a search with no hit");
  g_assert_cmpuint (visible_count (window), ==, 0);
  gui_test_take_window_shot (window, "admin-empty-search");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gui_test_take_window_shot (window, "admin-empty-search-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gui_test_click (button);
  gui_test_wait_until (shows_rows, window, 20, "the rows after Clear Filters");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (window, "text_entry"))), ==, "");

  /* From a day long after the demo's last booking (as a click on it: GTK
   * 4.8 selects a day from code without a day-selected) */
  gtk_calendar_select_day (get_child (window, "from_calendar"), later);
  g_signal_emit_by_name (get_child (window, "from_calendar"), "day-selected");
  args[1] = (gpointer) "No Matching Bookings";
  gui_test_wait_until (shows_empty_page, args, 20, "the page of filters with no match");
  gui_test_take_window_shot (window, "admin-empty-filters");
  gui_test_click (button);
  gui_test_wait_until (shows_rows, window, 20, "the rows after Clear Filters");
  g_assert_cmpstr (gtk_menu_button_get_label (get_child (window, "date_button")), ==, "Upcoming");
}
/* Waits for @window to draw @n frames more */
static gboolean
on_frame_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  (*(guint *) user_data)++;

  return G_SOURCE_CONTINUE;
}

static gboolean
frames_at_least (gpointer data)
{
  gpointer *args = data;

  return *(guint *) args[0] >= GPOINTER_TO_UINT (args[1]);
}

static gboolean
store_has_client (gpointer data)
{
  gpointer *args = data;
  CalbookContext *context = calbook_application_get_context (args[0]);
  g_autoptr(CalbookBooking) booking = calbook_store_get_booking (calbook_context_get_store (context), args[1], NULL);
  GPtrArray *attendees = booking != NULL ? calbook_booking_get_attendees (booking) : NULL;

  return attendees != NULL && attendees->len > 0 &&
         g_str_equal (((CalbookPerson *) g_ptr_array_index (attendees, 0))->name, args[2]);
}

static gboolean
row_shows_huge (gpointer data)
{
  gpointer *args = data;
  GtkWidget *cell = find_cell (GTK_WIDGET (_calbook_admin_window_get_column_view (args[0])),
                               CALBOOK_ADMIN_COLUMN_CLIENT, args[1]);
  g_autofree char *shown = cell != NULL ? gui_test_visible_text (cell) : NULL;

  return shown != NULL && g_str_has_prefix (shown, "<b>Huge</b>");
}

/* Texts of 1 MB from the network (client, location, title, one word with
 * no place to break) in a row in view: the window keeps drawing, each cell
 * shows a cut text, and the row can be chosen */
static void
check_huge_text (CalbookApplication *app,
                 CalbookAdminWindow *window)
{
  static const CalbookAdminColumn huge_columns[] = { CALBOOK_ADMIN_COLUMN_CLIENT, CALBOOK_ADMIN_COLUMN_LOCATION };
  GListModel *model = _calbook_admin_window_get_model (window);
  g_autoptr(CalbookBooking) first = NULL;
  g_autoptr(GString) huge = g_string_new ("<b>Huge</b>");
  g_autoptr(JsonObject) truth = NULL;
  g_autoptr(JsonObject) raw = json_object_new ();
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp_text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.000Z");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uid = NULL;
  JsonArray *attendees;
  guint frames = 0;
  guint tick;
  gpointer args[3];

  while (huge->len < 1024 * 1024)
    g_string_append (huge, "Wörterbuch\u202E");

  /* The first row of the table, as the sandbox has it, made huge */
  first = _calbook_admin_window_dup_booking (window, 0);
  uid = g_strdup (calbook_booking_get_uid (first));
  truth = fetch_sandbox_booking (app, uid);
  attendees = json_object_get_array_member (truth, "attendees");
  g_assert_cmpuint (json_array_get_length (attendees), >, 0);
  json_object_set_string_member (json_array_get_object_element (attendees, 0), "name", huge->str);
  json_object_set_array_member (raw, "attendees", json_array_ref (attendees));
  json_object_set_string_member (raw, "title", huge->str);
  json_object_set_string_member (raw, "location", huge->str);
  json_object_set_object_member (body, "raw", g_steal_pointer (&raw));
  /* Changed now, so that the sync asks for it */
  json_object_set_string_member (body, "updatedAt", stamp_text);
  json_node_set_object (node, body);
  text = json_to_string (node, FALSE);
  path = g_strdup_printf ("/_sandbox/bookings/%s", uid);
  answer = gui_test_call_sandbox (calbook_demo_server_get_url (calbook_application_get_demo_server (app)),
                                  "PATCH", path, text);

  calbook_context_sync_now (calbook_application_get_context (app), FALSE);
  args[0] = app;
  args[1] = uid;
  args[2] = huge->str;
  gui_test_wait_until (store_has_client, args, 120, "the huge texts to be synced");

  /* In view and chosen: the window goes on drawing frames */
  args[0] = window;
  args[1] = uid;
  gui_test_wait_until (row_shows_huge, args, 30, "the row with the huge texts");
  g_clear_object (&first);
  first = _calbook_admin_window_dup_booking (window, 0);
  g_assert_cmpstr (calbook_booking_get_uid (first), ==, uid);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 0, TRUE);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), on_frame_cb, &frames, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  args[0] = &frames;
  args[1] = GUINT_TO_POINTER (3);
  gui_test_wait_until (frames_at_least, args, 30, "the window to draw with the huge texts");
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);

  /* Each cell shows a cut text, not a megabyte */
  for (guint c = 0; c < G_N_ELEMENTS (huge_columns); c++)
    {
      GtkWidget *cell = find_cell (GTK_WIDGET (_calbook_admin_window_get_column_view (window)), huge_columns[c], uid);
      g_autofree char *shown = NULL;

      g_assert_nonnull (cell);
      shown = gui_test_visible_text (cell);
      g_assert_true (g_str_has_prefix (shown, "<b>Huge</b>Wörterbuch"));
      /* (what the label shows, and the line gui_test_visible_text() ends it with) */
      g_assert_cmpuint (g_utf8_strlen (shown, -1), <=, 301 + 1);
    }
  gui_test_take_window_shot (window, "admin-huge-text");

  /* The title's right-to-left overrides (no end to them) cannot reverse
   * what the details pane puts after it: "<title> · 45 minutes" has the
   * title set apart, without the overrides */
  gui_test_wait_until (flap_open, get_child (window, "details_flap"), 20, "the details pane");
  {
    g_autofree char *pane = gui_test_visible_text (adw_flap_get_flap (get_child (window, "details_flap")));
    g_auto(GStrv) lines = g_strsplit (pane, "\n", -1);
    const char *subtitle = NULL;

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "\u2068<b>Huge</b>Wörterbuch"))
        subtitle = lines[i];
    g_assert_nonnull (subtitle);
    g_assert_null (strstr (subtitle, "\u202E"));
    g_assert_nonnull (strstr (subtitle, "\u2069 · "));
    g_assert_true (g_str_has_suffix (subtitle, "minutes") || g_str_has_suffix (subtitle, "minute"));
  }
}

typedef struct
{
  CalbookAccount *account;
  GError         *error;
  gboolean        done;
} Connect;

static void
on_member_connected_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Connect *connect = user_data;

  connect->account = calbook_account_connect_finish (result, &connect->error);
  connect->done = TRUE;
}

typedef struct
{
  CalbookContext *context;
  guint           passes;
  GPtrArray      *bodies;
} MemberSide;

static void
on_member_syncing_cb (CalbookContext *context,
                      GParamSpec     *pspec,
                      MemberSide     *member)
{
  gboolean syncing = TRUE;

  g_object_get (context, "syncing", &syncing, NULL);
  if (!syncing)
    member->passes++;
}

static void
on_member_notify_user_cb (CalbookContext      *context,
                          CalbookNotification *notification,
                          MemberSide          *member)
{
  if (notification->body != NULL)
    g_ptr_array_add (member->bodies, g_strdup (notification->body));
}

static gboolean
member_synced (gpointer data)
{
  gpointer *args = data;

  return ((MemberSide *) args[0])->passes >= GPOINTER_TO_UINT (args[1]);
}

static gboolean
member_was_told (gpointer data)
{
  gpointer *args = data;
  MemberSide *member = args[0];

  /* The admin by name where the member's Calbook knows it, else by e-mail
   * (a member cannot list the organization's members), and the change */
  for (guint i = 0; i < member->bodies->len; i++)
    {
      const char *body = g_ptr_array_index (member->bodies, i);

      if ((strstr (body, args[1]) != NULL || strstr (body, args[2]) != NULL) &&
          strstr (body, "cancelled your") != NULL && strstr (body, "Clinic closed") != NULL)
        return TRUE;
    }

  return FALSE;
}

/* The admin cancels a member's booking; the member's own Calbook (its
 * sync against the same sandbox) tells them, naming the admin */
static void
check_member_told (CalbookApplication *app,
                   CalbookAdminWindow *window)
{
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  CalbookContext *admin_context = calbook_application_get_context (app);
  CalbookAccount *admin = calbook_context_get_account (admin_context);
  JsonObject *member_info = calbook_demo_server_find_account (server, FALSE);
  g_autofree char *dir = g_dir_make_tmp ("calbook-member-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "member.sqlite", NULL);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  GListModel *members = _calbook_admin_window_get_members (window);
  GListModel *model = _calbook_admin_window_get_model (window);
  Connect connect = { NULL, NULL, FALSE };
  MemberSide member = { NULL, 0, bodies };
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  gpointer args[3];
  guint position = G_MAXUINT;

  calbook_account_connect_async (calbook_demo_server_get_url (server),
                                 json_object_get_string_member (member_info, "apiKey"),
                                 NULL, on_member_connected_cb, &connect);
  gui_test_wait_until (gui_test_is_true, &connect.done, 60, "the member's sign-in");
  g_assert_no_error (connect.error);
  g_assert_false (calbook_account_is_admin (connect.account));

  member.context = calbook_context_new (connect.account,
                                        json_object_get_string_member (member_info, "apiKey"),
                                        store_path, &error);
  g_assert_no_error (error);
  g_signal_connect (member.context, "notify::syncing", G_CALLBACK (on_member_syncing_cb), &member);
  g_signal_connect (member.context, "notify-user", G_CALLBACK (on_member_notify_user_cb), &member);
  calbook_context_start_sync (member.context, 0);
  args[0] = &member;
  args[1] = GUINT_TO_POINTER (1);
  gui_test_wait_until (member_synced, args, 60, "the member's first sync");

  /* In the admin window: the member's bookings, then one that can be cancelled */
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(CalbookAdminMember) item = g_list_model_get_item (members, i);

      if (calbook_admin_member_get_user_id (item) == calbook_account_get_user_id (connect.account))
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_signal_emit_by_name (get_child (window, "member_list"), "activate", position);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_child (window, "status_dropdown")), 2);

  for (guint i = 0; i < g_list_model_get_n_items (model) && uid == NULL; i++)
    {
      g_autoptr(CalbookBooking) booking = _calbook_admin_window_dup_booking (window, i);

      if (!is_cancellable (booking) ||
          !calbook_booking_has_host (booking, calbook_account_get_user_id (connect.account)))
        continue;

      gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
      uid = g_strdup (calbook_booking_get_uid (booking));
    }
  g_assert_nonnull (uid);

  gtk_widget_activate_action (GTK_WIDGET (window), "admin.bulk-cancel", NULL);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (find_message_dialog (NULL)))),
                         "Clinic closed");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_message_dialog (NULL)), "apply");
  gui_test_wait_until (has_summary_dialog, NULL, 60, "the cancel to reach the sandbox");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_message_dialog ("bulk-summary")), "close");

  /* The member's next sync brings the change and the notification */
  calbook_context_sync_now (member.context, FALSE);
  args[1] = (gpointer) calbook_account_get_name (admin);
  args[2] = (gpointer) calbook_account_get_email (admin);
  gui_test_wait_until (member_was_told, args, 60, "a notification naming the admin");
  g_test_message ("the member was told: %s", (char *) g_ptr_array_index (bodies, bodies->len - 1));

  g_clear_object (&member.context);
  g_clear_object (&connect.account);
  g_unlink (store_path);
  gui_test_remove_tree (dir);
}

static gboolean
admin_windows_closed (gpointer data)
{
  return find_admin_window (data) == NULL;
}

static gboolean
is_member_synced (gpointer data)
{
  CalbookApplication *app = data;
  CalbookContext *context = calbook_application_get_context (app);
  gboolean syncing = TRUE;
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();

  if (context == NULL || calbook_account_is_admin (calbook_context_get_account (context)))
    return FALSE;

  g_object_get (context, "syncing", &syncing, NULL);

  return !syncing && calbook_store_count_bookings (calbook_context_get_store (context), filter, NULL) > 0;
}

/* A member: no admin window, a plain message, nothing of the others' bookings */
static void
check_member (CalbookApplication *app,
              CalbookAdminWindow *window)
{
  CalbookContext *context;
  CalbookAccount *account;
  GAction *show_admin;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  /* The admin's item exists for the admin */
  show_admin = g_action_map_lookup_action (G_ACTION_MAP (app), "show-admin");
  g_assert_true (g_action_get_enabled (show_admin));

  g_action_group_activate_action (G_ACTION_GROUP (app), "start-demo", g_variant_new_string ("member"));
  gui_test_wait_until (admin_windows_closed, app, 30, "the admin window to close");
  gui_test_wait_until (is_member_synced, app, 120, "the member's sync");

  context = calbook_application_get_context (app);
  account = calbook_context_get_account (context);
  g_assert_false (g_action_get_enabled (show_admin));

  /* What `calbook --admin` asks the running instance */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-admin", NULL);
  g_assert_null (find_admin_window (app));
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog (NULL));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Your Cal.com role does not allow"));
  gui_test_take_window_shot (dialog, "admin-member-message");
  adw_message_dialog_response (dialog, "close");

  /* Every booking in the member's store is one of theirs */
  bookings = calbook_store_query_bookings (calbook_context_get_store (context), NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->len, >, 0);
  for (guint i = 0; i < bookings->len; i++)
    g_assert_true (calbook_booking_involves_user (g_ptr_array_index (bookings, i),
                                                  calbook_account_get_user_id (account),
                                                  calbook_account_get_email (account)));
}

static gboolean
has_pending_change (gpointer data)
{
  gpointer *args = data;

  return calbook_admin_window_has_pending_change (args[0], args[1]);
}

/* The status cell of @uid's row shows the "not sent yet" mark */
static gboolean
row_marks_pending (GtkWidget  *widget,
                   const char *uid)
{
  if (CALBOOK_IS_ADMIN_CELL (widget))
    {
      g_autoptr(CalbookBookingSummary) booking = NULL;
      CalbookAdminColumn column;

      g_object_get (widget, "booking", &booking, "column", &column, NULL);
      if (booking != NULL && column == CALBOOK_ADMIN_COLUMN_STATUS &&
          g_str_equal (calbook_booking_summary_get_uid (booking), uid))
        {
          for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
               child = gtk_widget_get_next_sibling (child))
            if (GTK_IS_IMAGE (child) && gtk_widget_get_visible (child))
              return TRUE;
        }
      return FALSE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (row_marks_pending (child, uid))
      return TRUE;

  return FALSE;
}

static gboolean
row_is_marked (gpointer data)
{
  gpointer *args = data;

  return row_marks_pending (args[0], args[1]);
}

static void
set_sandbox_faults (CalbookApplication *app,
                    const char         *faults)
{
  g_autofree char *body = NULL;

  if (faults != NULL)
    body = g_strdup_printf ("{\"faults\": \"%s\"}", faults);
  else
    body = g_strdup ("{\"faults\": null}");
  set_sandbox_settings (app, body);
}

/* A change Cal.com does not have yet is marked on its row */
static void
check_pending_marked (CalbookApplication *app,
                      CalbookAdminWindow *window)
{
  GListModel *model = _calbook_admin_window_get_model (window);
  g_autofree char *uid = NULL;
  gpointer args[2];

  /* Cal.com failing every write: the change waits in the outbox */
  set_sandbox_faults (app, "500=1,on=writes");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_child (window, "status_dropdown")), 1);
  for (guint i = 0; i < g_list_model_get_n_items (model) && uid == NULL; i++)
    {
      g_autoptr(CalbookBooking) booking = _calbook_admin_window_dup_booking (window, i);

      if (calbook_booking_get_end (booking) <= g_get_real_time () / G_USEC_PER_SEC)
        continue;
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
      uid = g_strdup (calbook_booking_get_uid (booking));
    }
  g_assert_nonnull (uid);
  g_assert_false (calbook_admin_window_has_pending_change (window, uid));

  gtk_widget_activate_action (GTK_WIDGET (window), "admin.bulk-confirm", NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_message_dialog (NULL)), "apply");

  args[0] = window;
  args[1] = uid;
  gui_test_wait_until (has_pending_change, args, 30, "the change to wait in the outbox");
  args[0] = _calbook_admin_window_get_column_view (window);
  gui_test_wait_until (row_is_marked, args, 30, "the row to be marked");
  gui_test_take_window_shot (window, "admin-pending");
  set_sandbox_faults (app, NULL);
}

static gboolean
export_done (gpointer data)
{
  return !_calbook_admin_window_is_exporting (data);
}

static void
check_export (CalbookApplication *app,
              CalbookAdminWindow *window)
{
  g_autofree char *dir = g_dir_make_tmp ("calbook-export-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *ics_path = g_build_filename (dir, "out.ics", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) ics_file = g_file_new_for_path (ics_path);
  g_autofree char *csv = NULL;
  g_autofree char *ics = NULL;
  g_auto(GStrv) lines = NULL;
  icalcomponent *calendar;
  guint n_events = 0;
  guint expected;

  /* The export follows the filters: unconfirmed ones only */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_child (window, "status_dropdown")), 1);
  expected = visible_count (window);
  g_assert_cmpuint (expected, >, 0);

  _calbook_admin_window_export_to (window, csv_file, TRUE);
  gui_test_wait_until (export_done, window, 60, "the CSV export");
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "UID,Title,Status,"));

  /* Each row is one line here: the demo's texts hold no line breaks */
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, expected + 2);

  _calbook_admin_window_export_to (window, ics_file, FALSE);
  gui_test_wait_until (export_done, window, 60, "the iCalendar export");
  g_assert_true (g_file_get_contents (ics_path, &ics, NULL, NULL));
  calendar = icalparser_parse_string (ics);
  g_assert_nonnull (calendar);
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_TENTATIVE);
      n_events++;
    }
  g_assert_cmpuint (n_events, ==, expected);
  icalcomponent_free (calendar);

  g_unlink (csv_path);
  g_unlink (ics_path);
  g_rmdir (dir);
  clear_filters (window);
}

/* The week and the day of the organization: what each member has in view,
 * against the sandbox's bookings starting then */
static void
check_calendar (CalbookApplication *app,
                CalbookAdminWindow *window)
{
  g_autoptr(GPtrArray) all = fetch_sandbox_bookings (app, NULL);
  AdwViewStack *stack = ADW_VIEW_STACK (get_child (window, "view_stack"));
  CalbookAdminCalendar *calendar = get_child (window, "calendar");
  GListModel *members = _calbook_admin_window_get_members (window);

  adw_view_stack_set_visible_child_name (stack, "calendar");
  gtk_widget_activate_action (GTK_WIDGET (window), "admin.calendar-move", "i", 0);

  for (int mode = 0; mode < 2; mode++)
    {
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *summary = NULL;
      gint64 start, end;

      if (mode == 1)
        gtk_toggle_button_set_active (get_child (window, "day_button"), TRUE);
      calbook_admin_calendar_get_range (calendar, &start, &end);
      g_assert_cmpint (end - start, >=, mode == 0 ? 6 * 86400 : 82800);

      for (guint m = 0; m < g_list_model_get_n_items (members); m++)
        {
          g_autoptr(CalbookAdminMember) member = g_list_model_get_item (members, m);
          guint count = 0;

          for (guint i = 0; i < all->len; i++)
            {
              JsonObject *booking = g_ptr_array_index (all, i);
              JsonArray *hosts = json_object_get_array_member (booking, "hosts");
              gint64 booking_start = parse_time (booking, "start");

              if (booking_start >= start && booking_start < end && json_array_get_length (hosts) > 0 &&
                  json_object_get_int_member (json_array_get_object_element (hosts, 0), "id") ==
                  calbook_admin_member_get_user_id (member))
                count++;
            }

          if (count > 0)
            g_string_append_printf (expected, "%s: %u. ", calbook_admin_member_get_name (member), count);
        }
      if (expected->len == 0)
        g_string_append (expected, "No bookings in this time.");

      summary = calbook_admin_calendar_dup_summary (calendar);
      g_assert_cmpstr (summary, ==, g_strstrip (expected->str));
      /* Drawn from light rows, as the table's (no booking's JSON read) */
      for (guint i = 0; i < _calbook_admin_calendar_get_bookings (calendar)->len; i++)
        g_assert_true (CALBOOK_IS_BOOKING_SUMMARY (g_ptr_array_index (_calbook_admin_calendar_get_bookings (calendar), i)));
      if (mode == 0)
        g_assert_cmpuint (_calbook_admin_calendar_get_bookings (calendar)->len, >, 0);

      gui_test_take_window_shot (window, mode == 0 ? "admin-calendar-week-light" : "admin-calendar-day-light");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      gui_test_take_window_shot (window, mode == 0 ? "admin-calendar-week-dark" : "admin-calendar-day-dark");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
    }
}

static gboolean
label_has_text (gpointer data)
{
  return gtk_label_get_text (data)[0] != '\0';
}

static void
check_insights (CalbookApplication *app,
                CalbookAdminWindow *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (get_child (window, "view_stack"));
  GtkLabel *caption = GTK_LABEL (get_child (window, "weeks_caption"));

  gui_test_take_window_shot (window, "admin-table-light");
  adw_view_stack_set_visible_child_name (stack, "insights");
  gui_test_wait_until (label_has_text, caption, 30, "the insights");
  gui_test_take_window_shot (window, "admin-insights-light");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gui_test_take_window_shot (window, "admin-insights-dark");
  adw_view_stack_set_visible_child_name (stack, "table");
  gui_test_take_window_shot (window, "admin-table-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
filters_are_clear (CalbookAdminWindow *window)
{
  GListModel *members = _calbook_admin_window_get_members (window);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(CalbookAdminMember) member = g_list_model_get_item (members, i);

      if (calbook_admin_member_get_selected (member))
        return FALSE;
    }

  return gtk_editable_get_text (GTK_EDITABLE (get_child (window, "text_entry")))[0] == '\0' &&
         gtk_drop_down_get_selected (get_child (window, "status_dropdown")) == 0 &&
         gtk_drop_down_get_selected (get_child (window, "event_type_dropdown")) == 0 &&
         g_strcmp0 (gtk_menu_button_get_label (get_child (window, "date_button")), "Any Date") == 0;
}

/* Each case starts from the table with no filter, nothing chosen, no dialog */
static void
reset_window (CalbookAdminWindow *window)
{
  GtkWindow *dialog;

  while ((dialog = find_message_dialog (NULL)) != NULL)
    gtk_window_destroy (dialog);

  /* (each filter change reloads the table: only when a case left one) */
  if (!filters_are_clear (window))
    clear_filters (window);
  adw_view_stack_set_visible_child_name (get_child (window, "view_stack"), "table");
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (_calbook_admin_window_get_model (window)));
}

typedef struct
{
  const char *path;
  Scenario    scenario;
} Case;

/* One application for all cases: starting the demo and its first sync is
 * the slow part. Cases that change the sandbox come after those that only
 * read it; the member's case, which closes the admin window, comes last. */
static const Case cases[] = {
  { "/admin/filter-status", check_status_filter },
  { "/admin/filter-date", check_date_filter },
  { "/admin/filter-date-calendars", check_date_calendars },
  /* Right after the date popover was used (the tooltip was lost then) */
  { "/admin/member-email-tooltip", check_member_email_tooltip },
  { "/admin/details-pane", check_details_pane },
  { "/admin/event-type-titles", check_event_type_titles },
  { "/admin/event-types-kept", check_event_types_kept },
  { "/admin/empty-state", check_empty_state },
  { "/admin/filter-text", check_text_filter },
  { "/admin/filter-member", check_member_filter },
  { "/admin/filter-members", check_members_filter },
  { "/admin/filter-event-type", check_event_type_filter },
  { "/admin/sort", check_sort },
  { "/admin/export", check_export },
  { "/admin/manage", check_manage },
  { "/admin/bulk-cancel", check_bulk_cancel },
  { "/admin/bulk-decline", check_bulk_decline },
  { "/admin/member-told", check_member_told },
  { "/admin/pending-marked", check_pending_marked },
  { "/admin/insights", check_insights },
  { "/admin/calendar", check_calendar },
  { "/admin/huge-text", check_huge_text },
  { "/admin/remembered-layout", check_remembered_layout },
  { "/admin/no-admin-api", check_no_admin_api },
  { "/admin/as-member", check_member },
};

static CalbookApplication *test_app;
static int test_status;

static void
run_case (gconstpointer data)
{
  const Case *test_case = data;
  CalbookAdminWindow *window = find_admin_window (test_app);

  g_assert_nonnull (window);
  reset_window (window);
  test_case->scenario (test_app, window);
}

static void
on_admin_activate_cb (GApplication *app,
                      gpointer      user_data)
{
  CalbookAdminWindow *window;

  gui_test_wait_until (is_synced, app, 120, "the admin window and the first sync");
  window = find_admin_window (CALBOOK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  /* The sandbox's truth read page by page: ties in one fixed order, so no
   * row is missed or met twice at a page boundary */
  set_sandbox_settings (CALBOOK_APPLICATION (app), "{\"shuffleTies\": false}");

  test_status = g_test_run ();
  g_application_quit (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  g_autoptr(CalbookApplication) app = NULL;
  const char *app_argv[] = { "calbook", "--demo", "--admin", NULL };

  if (!gui_test_prepare (&argc, &argv, "calbook-test-admin-XXXXXX", &own_home))
    return 77;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], run_case);

  app = test_app = calbook_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_admin_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, (char **) app_argv), ==, 0);

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return test_status;
}
