/* calbook-unreadable-window.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-unreadable-item.h"
#include "calbook-unreadable-window.h"

#define RESOURCE_PATH "/io/github/calbook/Calbook/"

/**
 * CalbookUnreadableWindow:
 *
 * Lists the bookings Cal.com sent that Calbook could not read, with why
 * and the text that came, so that a curious person (or a bug report) can
 * see what was left out. The sync keeps them aside in the store and goes
 * on with the rest; one that reads later leaves the list by itself.
 */
struct _CalbookUnreadableWindow
{
  AdwWindow     parent_instance;

  CalbookStore *store;
  GListStore   *items;

  /* Template widgets */
  GtkStack     *stack;
  GtkListView  *list_view;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (CalbookUnreadableWindow, calbook_unreadable_window, ADW_TYPE_WINDOW)

static void
calbook_unreadable_window_dispose (GObject *object)
{
  CalbookUnreadableWindow *self = CALBOOK_UNREADABLE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_UNREADABLE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (calbook_unreadable_window_parent_class)->dispose (object);
}

static void
calbook_unreadable_window_class_init (CalbookUnreadableWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_unreadable_window_dispose;

  g_type_ensure (CALBOOK_TYPE_UNREADABLE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "calbook-unreadable-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookUnreadableWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CalbookUnreadableWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, CalbookUnreadableWindow, error_page);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
calbook_unreadable_window_init (CalbookUnreadableWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (CALBOOK_TYPE_UNREADABLE_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->items)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

/**
 * calbook_unreadable_window_new:
 * @parent: (nullable): the window it belongs to
 * @store: the signed-in account's store
 *
 * Returns: (transfer none): a new "Unreadable Bookings" window, filled
 */
CalbookUnreadableWindow *
calbook_unreadable_window_new (GtkWindow    *parent,
                               CalbookStore *store)
{
  CalbookUnreadableWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CALBOOK_IS_STORE (store), NULL);

  self = g_object_new (CALBOOK_TYPE_UNREADABLE_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  calbook_unreadable_window_reload (self);

  return self;
}

/**
 * calbook_unreadable_window_reload:
 * @self: a #CalbookUnreadableWindow
 *
 * Reads the list again from the store (a small table, read at once).
 */
void
calbook_unreadable_window_reload (CalbookUnreadableWindow *self)
{
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CALBOOK_IS_UNREADABLE_WINDOW (self));

  rejected = calbook_store_list_rejected (self->store, &error);
  if (rejected == NULL)
    {
      g_list_store_remove_all (self->items);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rejected->len; i++)
    g_ptr_array_add (items, calbook_unreadable_item_new (g_ptr_array_index (rejected, i)));

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
}

/**
 * calbook_unreadable_window_get_n_items:
 * @self: a #CalbookUnreadableWindow
 *
 * Returns: how many bookings the window lists
 */
guint
calbook_unreadable_window_get_n_items (CalbookUnreadableWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_UNREADABLE_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}
