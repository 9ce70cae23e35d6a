/* calbook-secret-store.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-secret-store"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "calbook-api-client.h"
#include "calbook-error.h"
#include "calbook-secret-store.h"

struct _CalbookSecretStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (CalbookSecretStore, calbook_secret_store, G_TYPE_OBJECT)

/* Auxiliary methods */

static const SecretSchema *
get_schema (void)
{
  /* DONT_MATCH_NAME: items written by an older build, or by the Secret
   * portal's file backend, may lack the xdg:schema attribute. */
  static const SecretSchema schema = {
    "io.github.calbook.Calbook.ApiKey",
    SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static gboolean
is_no_keyring_error (const GError *error)
{
  g_assert (error != NULL);

  /* Spawning dbus-launch, or autolaunching a bus, failed: there is no bus */
  if (error->domain == G_SPAWN_ERROR)
    return TRUE;

  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
          return TRUE;
        default:
          return FALSE;
        }
    }

  /* Connecting to the session bus itself failed (no address, no socket) */
  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NOT_FOUND:
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_NOT_SUPPORTED:
        case G_IO_ERROR_INVALID_ARGUMENT:
          return TRUE;
        default:
          return FALSE;
        }
    }

  return FALSE;
}

/* Turns whatever libsecret or GDBus said into a CALBOOK_SECRET_ERROR, so
 * the GUI has one domain to explain. Cancellation is passed through
 * unchanged so callers can ignore it. */
static GError *
translate_error (GError *error)
{
  GError *translated;

  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == CALBOOK_SECRET_ERROR)
    return error;

  if (is_no_keyring_error (error))
    {
      g_debug ("No Secret Service: %s", error->message);
      translated = g_error_new_literal (CALBOOK_SECRET_ERROR,
                                        CALBOOK_SECRET_ERROR_NO_KEYRING,
                                        _("No keyring is available — install and start a "
                                          "Secret Service such as GNOME Keyring"));
    }
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    {
      translated = g_error_new_literal (CALBOOK_SECRET_ERROR,
                                        CALBOOK_SECRET_ERROR_LOCKED,
                                        _("The keyring is locked. Unlock it to use the API key."));
    }
  else
    {
      translated = g_error_new (CALBOOK_SECRET_ERROR,
                                CALBOOK_SECRET_ERROR_FAILED,
                                _("The keyring could not be used: %s"),
                                error->message);
    }

  g_error_free (error);
  return translated;
}

static char *
build_label (const char *base_url)
{
  g_assert (base_url != NULL);

  /* Translators: the label of the keyring item, shown in Passwords and Keys */
  return g_strdup_printf (_("Calbook API key for %s"), base_url);
}

/* Callbacks */

static void
on_password_store_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_password_lookup_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, translate_error (error));
      return;
    }

  if (password == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* libsecret hands out non-pageable memory; the contract returns a plain
   * string, so copy it and wipe the original */
  g_task_return_pointer (task, g_strdup (password), g_free);
  secret_password_free (password);
}

static void
on_password_clear_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to clear: still a success */
  secret_password_clear_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/* GObject overrides */

static void
calbook_secret_store_class_init (CalbookSecretStoreClass *klass)
{
}

static void
calbook_secret_store_init (CalbookSecretStore *self)
{
}

/* Public API */

/**
 * calbook_secret_store_new:
 *
 * Returns: (transfer full): a handle on the API keys in the system keyring
 */
CalbookSecretStore *
calbook_secret_store_new (void)
{
  return g_object_new (CALBOOK_TYPE_SECRET_STORE, NULL);
}

/**
 * calbook_secret_store_store_async:
 * @base_url: the API root the key belongs to, as in the "base-url" setting
 *   (a final "/" or "/v2" makes no difference)
 * @api_key: the key; it is kept in the keyring only
 *
 * Stores (or replaces) the key for @base_url in the default collection.
 */
void
calbook_secret_store_store_async (CalbookSecretStore  *self,
                                  const char          *base_url,
                                  const char          *api_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (CALBOOK_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL && base_url[0] != '\0');
  g_return_if_fail (api_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, calbook_secret_store_store_async);

  normalized = calbook_api_client_normalize_base_url (base_url);
  label = build_label (normalized);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, api_key,
                         cancellable, on_password_store_cb, g_steal_pointer (&task),
                         "base-url", normalized,
                         NULL);
}

/**
 * calbook_secret_store_store_finish:
 *
 * Returns: %TRUE when the key is in the keyring
 */
gboolean
calbook_secret_store_store_finish (CalbookSecretStore  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (CALBOOK_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        calbook_secret_store_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * calbook_secret_store_lookup_async:
 * @base_url: the API root whose key to find
 *
 * Looks the key for @base_url up in the keyring.
 */
void
calbook_secret_store_lookup_async (CalbookSecretStore  *self,
                                   const char          *base_url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *normalized = NULL;

  g_return_if_fail (CALBOOK_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL && base_url[0] != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, calbook_secret_store_lookup_async);

  normalized = calbook_api_client_normalize_base_url (base_url);
  secret_password_lookup (get_schema (), cancellable,
                          on_password_lookup_cb, g_steal_pointer (&task),
                          "base-url", normalized,
                          NULL);
}

/**
 * calbook_secret_store_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the key, or %NULL (without an error)
 *   when none is stored for that base URL
 */
char *
calbook_secret_store_lookup_finish (CalbookSecretStore  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (CALBOOK_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        calbook_secret_store_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * calbook_secret_store_clear_async:
 * @base_url: the API root whose key to delete
 *
 * Deletes the key for @base_url; deleting a key that is not there succeeds.
 */
void
calbook_secret_store_clear_async (CalbookSecretStore  *self,
                                  const char          *base_url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *normalized = NULL;

  g_return_if_fail (CALBOOK_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL && base_url[0] != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, calbook_secret_store_clear_async);

  normalized = calbook_api_client_normalize_base_url (base_url);
  secret_password_clear (get_schema (), cancellable,
                         on_password_clear_cb, g_steal_pointer (&task),
                         "base-url", normalized,
                         NULL);
}

/**
 * calbook_secret_store_clear_finish:
 *
 * Returns: %TRUE when no key is left for the base URL
 */
gboolean
calbook_secret_store_clear_finish (CalbookSecretStore  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (CALBOOK_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        calbook_secret_store_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
