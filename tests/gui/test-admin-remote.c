/* test-admin-remote.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "calbook-admin-window.h"
#include "calbook-admin-window-private.h"
#include "calbook-application-private.h"
#include "calbook-welcome-page-private.h"
#include "calbook-window-private.h"
#include "sandbox-test-util.h"

/*
 * The ways into the admin window from outside it, with a Calbook signed in
 * as a person would be (the welcome page, the key in the keyring, a
 * sandbox over HTTP): the primary menu's item clicked with the real
 * pointer, and `calbook --admin` run as a second process while this one
 * runs — once as the organization's admin (the window opens here), once
 * as a member (a plain message here, no window). The demo cannot be used:
 * it is a process of its own that a second `calbook` never reaches.
 */

#define ADMIN_USERNAME "sofia.rossi"
#define MEMBER_USERNAME "zoe.odegaard"

static SandboxFixture *fixture;
static CalbookApplication *test_app;
static int test_status;

/* Auxiliary methods */

static CalbookWindow *
get_window (void)
{
  CalbookWindow *window = gui_test_get_window (test_app);

  g_assert_nonnull (window);
  return window;
}

static gpointer
find_admin_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (test_app)); l != NULL; l = l->next)
    if (CALBOOK_IS_ADMIN_WINDOW (l->data))
      return l->data;

  return NULL;
}

static gboolean
admin_window_shown (gpointer data)
{
  GtkWidget *window = find_admin_window ();

  return window != NULL && gtk_widget_get_mapped (window);
}

static gboolean
admin_window_gone (gpointer data)
{
  return find_admin_window () == NULL;
}

static GtkWindow *
find_message_dialog (void)
{
  return gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
message_shown (gpointer data)
{
  GtkWindow *dialog = find_message_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
signed_in_or_failed (gpointer data)
{
  return gui_test_is_synced (test_app) || gtk_widget_get_visible (GTK_WIDGET (calbook_welcome_page_get_error_label (data)));
}

static gboolean
welcome_shown (gpointer data)
{
  return calbook_application_get_context (test_app) == NULL &&
         g_strcmp0 (calbook_window_get_visible_page (get_window ()), "welcome") == 0;
}

/* The welcome page, with the sandbox's address and @username's key typed in
 * and Connect clicked */
static CalbookWelcomePage *
start_sign_in (const char *username)
{
  CalbookWelcomePage *page = calbook_window_get_welcome_page (get_window ());

  gui_test_wait_until (welcome_shown, NULL, 30, "the welcome page");
  adw_combo_row_set_selected (calbook_welcome_page_get_server_row (page), 2);
  gtk_editable_set_text (GTK_EDITABLE (calbook_welcome_page_get_url_row (page)), fixture->url);
  gtk_editable_set_text (GTK_EDITABLE (calbook_welcome_page_get_key_row (page)),
                         sandbox_fixture_key (fixture, username));
  g_signal_emit_by_name (calbook_welcome_page_get_connect_button (page), "clicked");

  return page;
}

static void
sign_in (const char *username)
{
  CalbookWelcomePage *page = start_sign_in (username);

  gui_test_wait_until (signed_in_or_failed, page, 90, "the sign-in and first sync");
  g_assert_nonnull (calbook_application_get_context (test_app));
}

static void
on_process_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  /* It hands the request over and ends at once, successfully */
  g_assert_true (g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* `calbook --admin`, a process of its own, while this Calbook runs */
static void
run_second_calbook (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CALBOOK_BUILD_DIR"), "src", "gui", "calbook", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, path, "--admin", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, on_process_done_cb, &done);
  gui_test_wait_until (gui_test_is_true, &done, 60, "the second calbook to end");
}

static guint
count_main_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (test_app)); l != NULL; l = l->next)
    n += CALBOOK_IS_WINDOW (l->data);

  return n;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          gboolean found = menu_has_action (link, action);

          g_object_unref (link);
          if (found)
            return TRUE;
        }
    }

  return FALSE;
}

/* The primary menu's button the main window shows now */
static gboolean
find_menu_button (gpointer data)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkMenuButton **found = data;

  gui_test_collect_widgets (get_window (), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_is_drawable (g_ptr_array_index (buttons, i)) &&
        menu_has_action (gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, i)), "app.preferences"))
      *found = g_ptr_array_index (buttons, i);

  return *found != NULL;
}

/* The main window's primary menu, opened; what it shows, one label a line */
static GtkPopover *
open_primary_menu (char **text)
{
  GtkMenuButton *button = NULL;
  GtkPopover *popover;

  gui_test_wait_until (find_menu_button, &button, 30, "the primary menu button");
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  gui_test_wait_until (gui_test_is_mapped, popover, 10, "the primary menu");
  *text = gui_test_visible_text (popover);

  return popover;
}

/* The drawable label showing @text under @widget */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  gui_test_collect_widgets (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_is_drawable (g_ptr_array_index (labels, i)) &&
        g_str_equal (gtk_label_get_text (g_ptr_array_index (labels, i)), text))
      return g_ptr_array_index (labels, i);

  return NULL;
}

/* Tests */

/* The admin's primary menu has the item; a click on it opens the window */
static void
test_admin_menu (void)
{
  g_autofree char *text = NULL;
  GtkPopover *popover;
  GtkWidget *item;

  g_assert_true (calbook_account_is_admin (calbook_context_get_account (calbook_application_get_context (test_app))));
  popover = open_primary_menu (&text);
  g_assert_nonnull (strstr (text, "Preferences\n"));
  g_assert_nonnull (strstr (text, "Admin Window\n"));
  gui_test_take_window_shot (popover, "admin-menu-admin");

  item = find_label (GTK_WIDGET (popover), "Admin Window");
  g_assert_nonnull (item);
  gui_test_click (item);
  gui_test_wait_until (admin_window_shown, NULL, 30, "the admin window from the menu");
  gui_test_wait_until (gui_test_is_unmapped, popover, 10, "the menu to close");

  gtk_window_destroy (find_admin_window ());
  gui_test_wait_until (admin_window_gone, NULL, 10, "the admin window to close");
}

/* `calbook --admin` again: this Calbook opens the window, no second one */
static void
test_admin_second_process (void)
{
  g_assert_null (find_admin_window ());

  run_second_calbook ();
  gui_test_wait_until (admin_window_shown, NULL, 30, "the admin window from the second calbook");
  g_assert_cmpuint (count_main_windows (), ==, 1);
  g_assert_null (find_message_dialog ());

  gtk_window_destroy (find_admin_window ());
  gui_test_wait_until (admin_window_gone, NULL, 10, "the admin window to close");
}

static gboolean
role_is (gpointer data)
{
  CalbookContext *context = calbook_application_get_context (test_app);

  return context != NULL && calbook_account_is_admin (calbook_context_get_account (context)) == GPOINTER_TO_INT (data);
}

/* Cal.com gives the organization Admin API access or not, and the sync
 * hears it: the account is an admin's or a member's, and app.show-admin
 * (the menu item, Ctrl+Shift+A) follows. (A member's sync asks about the
 * role again on a full pass.) */
static void
sync_with_admin_api (gboolean allowed)
{
  calbook_sandbox_set_admin_api (fixture->sandbox, allowed);
  calbook_context_sync_now (calbook_application_get_context (test_app), TRUE);
  gui_test_wait_until (role_is, GINT_TO_POINTER (allowed), 60, "the sync to take the organization's access");
  g_assert_cmpint (g_action_group_get_action_enabled (G_ACTION_GROUP (test_app), "show-admin"), ==, allowed);
}

/* Cal.com refuses the organization's bookings (no Admin API): the account
 * works as a member's, and the menu has no "Admin Window"; allowed again,
 * it comes back */
static void
test_admin_refused (void)
{
  g_autofree char *refused_text = NULL;
  g_autofree char *allowed_text = NULL;
  GtkPopover *popover;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (test_app), "show-admin"));

  sync_with_admin_api (FALSE);
  popover = open_primary_menu (&refused_text);
  g_assert_nonnull (strstr (refused_text, "Preferences\n"));
  g_assert_null (strstr (refused_text, "Admin Window"));
  gui_test_take_window_shot (popover, "admin-menu-refused-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gui_test_take_window_shot (popover, "admin-menu-refused-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_popover_popdown (popover);

  sync_with_admin_api (TRUE);
  popover = open_primary_menu (&allowed_text);
  g_assert_nonnull (strstr (allowed_text, "Admin Window\n"));
  gtk_popover_popdown (popover);
}

/* A member: `calbook --admin` tells them here why not, and no window opens */
static void
test_member_second_process (void)
{
  GtkWindow *dialog;

  /* The admin signs out, the member signs in */
  g_action_group_activate_action (G_ACTION_GROUP (test_app), "sign-out", NULL);
  sign_in (MEMBER_USERNAME);
  g_assert_false (calbook_account_is_admin (calbook_context_get_account (calbook_application_get_context (test_app))));
  g_assert_null (find_message_dialog ());

  run_second_calbook ();
  gui_test_wait_until (message_shown, NULL, 30, "the message for the member");
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Only for Organization Admins");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Your Cal.com role does not allow the admin window"));
  g_assert_null (find_admin_window ());
  g_assert_cmpuint (count_main_windows (), ==, 1);
  gui_test_take_window_shot (dialog, "admin-member-remote");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
}

/* A member's primary menu has no such item */
static void
test_member_menu (void)
{
  g_autofree char *text = NULL;
  GtkPopover *popover;

  g_assert_false (calbook_account_is_admin (calbook_context_get_account (calbook_application_get_context (test_app))));
  popover = open_primary_menu (&text);
  g_assert_nonnull (strstr (text, "Preferences\n"));
  g_assert_null (strstr (text, "Admin"));
  gui_test_take_window_shot (popover, "admin-menu-member");
  gtk_popover_popdown (popover);
}

/* The organization's bookings list was asked and the sync is over */
static gboolean
first_sync_done (gpointer data)
{
  CalbookContext *context = calbook_application_get_context (test_app);
  g_autofree char *request = g_strdup_printf ("GET /v2/organizations/%" G_GINT64_FORMAT "/bookings",
                                              calbook_sandbox_get_organization_id (fixture->sandbox));
  g_autoptr(SandboxReply) reply = NULL;
  gboolean syncing = TRUE;
  JsonObject *requests;

  if (context == NULL)
    return FALSE;
  g_object_get (context, "syncing", &syncing, NULL);
  if (syncing)
    return FALSE;

  reply = sandbox_request (fixture, "GET", "/_sandbox/requests", NULL, NULL, NULL);
  requests = json_object_get_object_member (sandbox_reply_object (reply), "requests");
  return json_object_get_int_member_with_default (requests, request, 0) > 0;
}

static gboolean
says_no_bookings_yet (gpointer data)
{
  CalbookAdminWindow *window = find_admin_window ();

  return window != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (_calbook_admin_window_get_child (window, "table_stack")),
                    "empty") == 0 &&
         g_strcmp0 (adw_status_page_get_title (_calbook_admin_window_get_child (window, "empty_page")),
                    "No Bookings Yet") == 0 &&
         gtk_widget_is_drawable (_calbook_admin_window_get_child (window, "empty_page"));
}

/* An organization with no bookings at all: the admin window says so, with
 * no button (no filter would find any) */
static void
test_admin_no_bookings (void)
{
  g_autofree char *path = g_strdup_printf ("/v2/organizations/%" G_GINT64_FORMAT "/bookings?take=250",
                                           calbook_sandbox_get_organization_id (fixture->sandbox));
  g_autoptr(SandboxReply) list = NULL;
  g_autoptr(SandboxReply) forgotten = NULL;
  JsonArray *bookings;
  CalbookAdminWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (test_app), "sign-out", NULL);
  gui_test_wait_until (welcome_shown, NULL, 60, "the welcome page after signing out");

  /* Every booking of the organization gone from Cal.com */
  list = sandbox_request (fixture, "GET", path, sandbox_fixture_key (fixture, ADMIN_USERNAME), "2024-08-13", NULL);
  bookings = sandbox_reply_data_array (list);
  g_assert_cmpuint (json_array_get_length (bookings), >, 0);
  g_assert_cmpuint (json_array_get_length (bookings), <, 250);
  for (guint i = 0; i < json_array_get_length (bookings); i++)
    {
      const char *uid = json_object_get_string_member (json_array_get_object_element (bookings, i), "uid");
      g_autofree char *hook = g_strdup_printf ("/_sandbox/bookings/%s", uid);
      g_autoptr(SandboxReply) deleted = sandbox_request (fixture, "DELETE", hook, NULL, NULL, NULL);

      g_assert_cmpuint (deleted->status, ==, 200);
    }
  forgotten = sandbox_request (fixture, "DELETE", "/_sandbox/requests", NULL, NULL, NULL);

  start_sign_in (ADMIN_USERNAME);
  gui_test_wait_until (first_sync_done, NULL, 90, "the first sync of an empty organization");
  g_action_group_activate_action (G_ACTION_GROUP (test_app), "show-admin", NULL);
  gui_test_wait_until (says_no_bookings_yet, NULL, 30, "the admin window to say there are no bookings");
  window = find_admin_window ();
  g_assert_false (gtk_widget_get_visible (_calbook_admin_window_get_child (window, "empty_button")));
  gui_test_take_window_shot (window, "admin-no-bookings-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gui_test_take_window_shot (window, "admin-no-bookings-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_wait_until (admin_window_gone, NULL, 10, "the admin window to close");
}

static void
on_activate_cb (GApplication *application,
                gpointer      user_data)
{
  test_app = CALBOOK_APPLICATION (application);
  gtk_window_set_default_size (GTK_WINDOW (get_window ()), 1000, 700);
  sign_in (ADMIN_USERNAME);

  test_status = g_test_run ();

  /* Nothing of the session stays in the keyring */
  g_action_group_activate_action (G_ACTION_GROUP (application), "sign-out", NULL);
  gui_test_wait_until (welcome_shown, NULL, 60, "the welcome page after signing out");
  g_application_quit (application);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  g_autoptr(CalbookApplication) app = NULL;
  const char *app_argv[] = { "calbook", NULL };

  if (!gui_test_prepare (&argc, &argv, "calbook-test-admin-remote-XXXXXX", &own_home))
    return 77;

  /* In this order: the admin's cases, then the member signs in */
  g_test_add_func ("/admin/remote/admin-menu", test_admin_menu);
  g_test_add_func ("/admin/remote/admin-second-process", test_admin_second_process);
  g_test_add_func ("/admin/remote/admin-refused", test_admin_refused);
  g_test_add_func ("/admin/remote/member-second-process", test_member_second_process);
  g_test_add_func ("/admin/remote/member-menu", test_member_menu);
  /* Last: it deletes the organization's bookings */
  g_test_add_func ("/admin/remote/admin-no-bookings", test_admin_no_bookings);

  /* A small organization: the cases are about the ways in, not the data */
  fixture = sandbox_fixture_new (20261203, 40);

  app = calbook_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, (char **) app_argv), ==, 0);
  g_clear_object (&app);
  sandbox_fixture_free (fixture);

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return test_status;
}
