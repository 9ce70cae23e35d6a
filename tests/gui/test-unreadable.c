/* test-unreadable.c: the "Unreadable Bookings" window
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "calbook-store.h"
#include "calbook-unreadable-window.h"
#include "gui-test-util.h"

typedef struct
{
  GtkWidget  *root;
  const char *text;
} FindLabel;

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_label (gpointer data)
{
  FindLabel *find = data;

  return find_label (find->root, find->text) != NULL;
}

static CalbookStore *
open_store (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CalbookStore *store;

  *dir = g_dir_make_tmp ("calbook-unreadable-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "account.sqlite3", NULL);
  store = calbook_store_open (path, &error);
  g_assert_no_error (error);

  return store;
}

/* A booking the sync kept aside is listed with its reason and the text
 * Cal.com sent, shown as text (never as markup) */
static void
test_lists_rejected (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autofree char *dir = NULL;
  CalbookUnreadableWindow *window;
  FindLabel find = { 0, };

  store = open_store (&dir);
  g_assert_true (calbook_store_reject_booking (store, "bk_<b>odd</b>",
                                               "Booking field “end” is before the start",
                                               "{\"uid\":\"bk_<b>odd</b>\",\"start\":\"x\"}",
                                               &error));
  g_assert_no_error (error);
  g_assert_true (calbook_store_reject_booking (store, NULL, "Not valid JSON: <i>cut</i>",
                                               "{\"uid\":\"bk_2\",\"ti", &error));
  g_assert_no_error (error);

  window = calbook_unreadable_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (calbook_unreadable_window_get_n_items (window), ==, 2);

  find.root = GTK_WIDGET (window);
  find.text = "Booking bk_<b>odd</b>";
  gui_test_wait_until (has_label, &find, 10, "the first booking's row");
  g_assert_false (gtk_label_get_use_markup (find_label (find.root, find.text)));

  find.text = "Not valid JSON: <i>cut</i>";
  gui_test_wait_until (has_label, &find, 10, "the second booking's reason");
  g_assert_false (gtk_label_get_use_markup (find_label (find.root, find.text)));
  g_assert_nonnull (find_label (find.root, "A booking without an id"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  gui_test_remove_tree (dir);
}

/* Nothing kept aside: the window says so */
static void
test_empty (void)
{
  g_autoptr(CalbookStore) store = NULL;
  g_autofree char *dir = NULL;
  CalbookUnreadableWindow *window;
  FindLabel find = { 0, };

  store = open_store (&dir);
  window = calbook_unreadable_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (calbook_unreadable_window_get_n_items (window), ==, 0);

  find.root = GTK_WIDGET (window);
  find.text = "Every Booking Was Read";
  gui_test_wait_until (has_label, &find, 10, "the empty page");

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  gui_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  if (!gui_test_prepare (&argc, &argv, "calbook-test-unreadable-XXXXXX", &own_home))
    return 77;

  g_test_add_func ("/gui/unreadable/lists-rejected", test_lists_rejected);
  g_test_add_func ("/gui/unreadable/empty", test_empty);

  status = g_test_run ();

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
