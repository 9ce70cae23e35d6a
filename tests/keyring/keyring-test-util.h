/* keyring-test-util.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs the main context until an async call hands back its result */
static inline void
on_async_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static inline GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Whether org.freedesktop.secrets is owned or activatable on the session bus */
static inline gboolean
have_secret_service (char **why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GVariant) activatable = NULL;
  g_autofree const char **names = NULL;
  gboolean has_owner = FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      *why = g_strdup_printf ("no session bus: %s", error->message);
      return FALSE;
    }

  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  if (owned != NULL)
    g_variant_get (owned, "(b)", &has_owner);
  if (has_owner)
    return TRUE;

  g_clear_error (&error);
  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "ListActivatableNames",
                                             NULL, G_VARIANT_TYPE ("(as)"),
                                             G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  if (activatable != NULL)
    {
      g_autoptr(GVariant) list = g_variant_get_child_value (activatable, 0);

      names = g_variant_get_strv (list, NULL);
      if (g_strv_contains (names, "org.freedesktop.secrets"))
        return TRUE;
    }

  *why = g_strdup ("no Secret Service (org.freedesktop.secrets) on the session bus; run the "
                   "suite inside dbus-run-session with gnome-keyring-daemon --unlock");
  return FALSE;
}

G_END_DECLS
