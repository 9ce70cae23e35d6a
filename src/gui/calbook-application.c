/* calbook-application.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "calbook-accessible.h"
#include "calbook-account.h"
#include "calbook-admin-window.h"
#include "calbook-booking-actions.h"
#include "calbook-application-private.h"
#include "calbook-demo-server.h"
#include "calbook-error.h"
#include "calbook-preferences-window.h"
#include "calbook-search-provider.h"
#include "calbook-secret-store.h"
#include "calbook-window-private.h"

/*
 * The application: command line, app.* actions, notifications, and the
 * one CalbookContext of the signed-in account, which it hands to the
 * window. `--demo` starts the sandbox in-process and keeps every file it
 * writes in one temporary folder that is deleted on shutdown.
 */

/* The schema id stays the same in the Devel profile (data/meson.build) */
#define SETTINGS_SCHEMA_ID "io.github.calbook.Calbook"
#define DEFAULT_SYNC_INTERVAL 300
#define SEARCH_PROVIDER_PATH "/io/github/calbook/Calbook/SearchProvider"
/* How long a D-Bus-activated instance with no window stays for more calls */
#define SERVICE_INACTIVITY_MS 10000
/* How long quitting waits for work in flight to let go of the stores */
#define CLOSE_STORES_TIMEOUT_S 10

struct _CalbookApplication
{
  AdwApplication      parent_instance;

  gboolean            demo;
  gboolean            demo_as_admin;
  gboolean            open_admin;
  gboolean            started;
  gboolean            opening;
  /* The remembered account's bookings are shown while its key is looked up
   * in the keyring (see start_normal()) */
  gboolean            key_pending;
  /* A store that could not be opened because it is damaged, and what to
   * open in its place once it is moved aside (app.move-store-aside) */
  CalbookAccount     *damaged_account;
  char               *damaged_key;
  char               *damaged_path;
  guint               sigint_id;
  guint               sigterm_id;
  guint               sighup_id;

  GSettings          *settings;
  gboolean            settings_in_memory;
  GCancellable       *cancellable;
  CalbookContext     *context;
  CalbookSecretStore *secret_store;

  /* Actions from a notification or the Shell that came before the account
   * was open (as after D-Bus activation): name and parameter, in order */
  GPtrArray          *deferred_actions;

  CalbookSearchProvider *search_provider;
  /* The remembered account's store, opened for searches while no context is */
  CalbookStore       *search_store;
  gint64              search_user_id;
  char               *search_user_email;

  /* Demo mode only */
  char               *demo_folder;
  char               *demo_key;
  CalbookDemoServer  *demo_server;
};

G_DEFINE_FINAL_TYPE (CalbookApplication, calbook_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Try Calbook with a built-in demo server and made-up bookings"), NULL },
  { "admin", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Open the admin window (organization admins and owners)"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  /* Collected only to refuse them with a usage message: Calbook opens no files */
  { G_OPTION_REMAINING, 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
  { NULL }
};

static void start_normal                 (CalbookApplication *self);
static void drop_deferred_actions        (CalbookApplication *self);
static void on_welcome_page_signed_in_cb (CalbookApplication *self,
                                          CalbookAccount     *account,
                                          const char         *api_key);

/* Auxiliary methods */

static GSettings *
create_settings (gboolean in_memory)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;

  /* Uninstalled runs may have no compiled schema: then defaults apply */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);

  if (schema == NULL)
    return NULL;

  /* The demo changes settings in memory only: nothing of it is saved */
  if (in_memory)
    backend = g_memory_settings_backend_new ();

  return g_settings_new_full (schema, backend, NULL);
}

static gboolean
settings_has_key (GSettings  *settings,
                  const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;

  g_object_get (settings, "settings-schema", &schema, NULL);

  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static guint
get_setting_uint (CalbookApplication *self,
                  const char         *key,
                  guint               fallback)
{
  g_assert (CALBOOK_IS_APPLICATION (self));

  if (!settings_has_key (self->settings, key))
    return fallback;

  return g_settings_get_uint (self->settings, key);
}

static char *
dup_base_url (CalbookApplication *self)
{
  g_assert (CALBOOK_IS_APPLICATION (self));

  if (!settings_has_key (self->settings, "base-url"))
    return g_strdup (CALBOOK_BASE_URL_CLOUD);

  return g_settings_get_string (self->settings, "base-url");
}

static CalbookWindow *
ensure_window (CalbookApplication *self)
{
  GList *windows;

  g_assert (CALBOOK_IS_APPLICATION (self));

  for (windows = gtk_application_get_windows (GTK_APPLICATION (self));
       windows != NULL;
       windows = windows->next)
    {
      if (CALBOOK_IS_WINDOW (windows->data))
        return windows->data;
    }

  return calbook_window_new (GTK_APPLICATION (self));
}

/* The welcome page: nobody to act for, so waiting actions are dropped */
static void
show_welcome (CalbookApplication *self,
              const char         *base_url,
              const char         *message)
{
  g_assert (CALBOOK_IS_APPLICATION (self));

  drop_deferred_actions (self);
  calbook_window_show_welcome (ensure_window (self), base_url, message);
}

static void
show_toast (CalbookApplication *self,
            const char         *text)
{
  g_assert (CALBOOK_IS_APPLICATION (self));

  calbook_window_add_toast (ensure_window (self), text);
}

/* Deletes @path and everything in it, without following symlinks */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else if (g_unlink (child) != 0)
            g_warning ("Could not delete %s: %s", child, g_strerror (errno));
        }
    }

  if (g_rmdir (path) != 0)
    g_warning ("Could not delete %s: %s", path, g_strerror (errno));
}

/* app.show-admin (menu, Ctrl+Shift+A) exists for admins only: members
 * never see the item */
static void
update_admin_action (CalbookApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-admin");

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                                 !self->key_pending &&
                                 calbook_admin_window_is_allowed (self->context));
}

static void
update_store_aside_action (CalbookApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "move-store-aside");

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->damaged_path != NULL);
}

static void
forget_damaged_store (CalbookApplication *self)
{
  g_clear_object (&self->damaged_account);
  g_clear_pointer (&self->damaged_key, g_free);
  g_clear_pointer (&self->damaged_path, g_free);
  update_store_aside_action (self);
}

/* Opens the admin window, or tells a member why not; before sign-in
 * finishes, once it has */
static void
open_admin (CalbookApplication *self)
{
  /* The admin window talks to Cal.com at once: it needs the key */
  if (self->context == NULL || self->key_pending)
    {
      self->open_admin = TRUE;
      return;
    }

  self->open_admin = FALSE;
  calbook_admin_window_open (GTK_APPLICATION (self), self->context,
                             GTK_WINDOW (ensure_window (self)));
}

static void
drop_context (CalbookApplication *self)
{
  GList *windows;

  g_assert (CALBOOK_IS_APPLICATION (self));

  for (windows = gtk_application_get_windows (GTK_APPLICATION (self));
       windows != NULL;
       windows = windows->next)
    {
      if (CALBOOK_IS_WINDOW (windows->data))
        calbook_window_set_context (windows->data, NULL);
    }

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (calbook_context_get_account (self->context), self);
      g_signal_handlers_disconnect_by_data (self->context, self);
    }

  g_clear_object (&self->context);
  self->key_pending = FALSE;

  /* The admin window shows one account's organization */
  calbook_admin_window_close_all (GTK_APPLICATION (self));
  update_admin_action (self);
  /* Sign-out deletes the store: no connection may stay open on it */
  g_clear_object (&self->search_store);
  g_clear_pointer (&self->search_user_email, g_free);
}

static void
drop_deferred_actions (CalbookApplication *self)
{
  g_assert (CALBOOK_IS_APPLICATION (self));

  self->opening = FALSE;
  g_clear_pointer (&self->deferred_actions, g_ptr_array_unref);
}

/* Runs the actions that waited for the account, now that it is open */
static void
run_deferred_actions (CalbookApplication *self)
{
  g_autoptr(GPtrArray) actions = NULL;

  g_assert (CALBOOK_IS_APPLICATION (self));

  self->opening = FALSE;
  actions = g_steal_pointer (&self->deferred_actions);

  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      const char *name = NULL;
      g_autoptr(GVariant) parameter = NULL;

      g_variant_get (g_ptr_array_index (actions, i), "(&sv)", &name, &parameter);
      g_action_group_activate_action (G_ACTION_GROUP (self), name, parameter);
    }
}

static void
ensure_started (CalbookApplication *self)
{
  CalbookWindow *window;

  g_assert (CALBOOK_IS_APPLICATION (self));

  window = ensure_window (self);
  if (self->started)
    return;

  self->started = TRUE;
  self->opening = TRUE;
  g_signal_connect_object (calbook_window_get_welcome_page (window), "signed-in",
                           G_CALLBACK (on_welcome_page_signed_in_cb), self, G_CONNECT_SWAPPED);

  if (self->demo)
    calbook_application_start_demo (self, self->demo_as_admin);
  else
    start_normal (self);
}

/*
 * A notification button or a search result may start Calbook (D-Bus
 * activation) and call an action before the account is open. Such an
 * action opens the window and waits; it runs once the account is open.
 * Returns TRUE when the action has to wait.
 */
static gboolean
defer_until_open (CalbookApplication *self,
                  const char         *name,
                  GVariant           *parameter)
{
  g_assert (CALBOOK_IS_APPLICATION (self));

  if (self->context != NULL)
    return FALSE;

  ensure_started (self);
  gtk_window_present (GTK_WINDOW (ensure_window (self)));

  /* A remembered account opens at once (its key comes later): run now */
  if (self->context != NULL)
    return FALSE;

  /* Nobody signed in: there is nothing to act on */
  if (!self->opening)
    return TRUE;

  if (self->deferred_actions == NULL)
    self->deferred_actions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  g_ptr_array_add (self->deferred_actions,
                   g_variant_ref_sink (g_variant_new ("(sv)", name, parameter)));

  return TRUE;
}

/* The store GNOME Shell's search reads: the open account's, or else the
 * remembered account's file, opened on its own (no keyring, no network) */
static CalbookStore *
get_search_store (gpointer   user_data,
                  gint64    *user_id,
                  char     **user_email,
                  GError   **error)
{
  CalbookApplication *self = user_data;
  g_autoptr(CalbookAccount) account = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *store_path = NULL;

  g_assert (CALBOOK_IS_APPLICATION (self));

  if (self->context != NULL)
    {
      CalbookAccount *open_account = calbook_context_get_account (self->context);

      *user_id = calbook_account_get_user_id (open_account);
      if (user_email != NULL)
        *user_email = g_strdup (calbook_account_get_email (open_account));
      return g_object_ref (calbook_context_get_store (self->context));
    }

  if (self->demo)
    return NULL;

  if (self->search_store == NULL)
    {
      base_url = dup_base_url (self);
      account = calbook_account_load_remembered (base_url, error);
      if (account == NULL)
        return NULL;

      /* Signed in but never synced: nothing to find yet */
      store_path = calbook_account_dup_store_path (account);
      if (!g_file_test (store_path, G_FILE_TEST_EXISTS))
        return NULL;

      self->search_store = calbook_store_open (store_path, error);
      if (self->search_store == NULL)
        return NULL;

      self->search_user_id = calbook_account_get_user_id (account);
      self->search_user_email = g_strdup (calbook_account_get_email (account));
    }

  *user_id = self->search_user_id;
  if (user_email != NULL)
    *user_email = g_strdup (self->search_user_email);

  return g_object_ref (self->search_store);
}

static gboolean
notifications_enabled (CalbookApplication *self)
{
  g_assert (CALBOOK_IS_APPLICATION (self));

  if (!settings_has_key (self->settings, "notify-changes"))
    return TRUE;

  return g_settings_get_boolean (self->settings, "notify-changes");
}

/* Callbacks */

static void
on_settings_changed_cb (CalbookApplication *self,
                        const char         *key)
{
  g_assert (CALBOOK_IS_APPLICATION (self));

  if (self->context == NULL)
    return;

  if (g_strcmp0 (key, "sync-interval") == 0)
    calbook_context_start_sync (self->context,
                                get_setting_uint (self, "sync-interval", DEFAULT_SYNC_INTERVAL));
  else if (g_strcmp0 (key, "reminder-minutes") == 0)
    calbook_context_set_reminder_minutes (self->context,
                                          get_setting_uint (self, "reminder-minutes", 10));
}

static void
connect_settings (CalbookApplication *self)
{
  g_assert (CALBOOK_IS_APPLICATION (self));

  if (self->settings == NULL)
    return;

  g_signal_connect_object (self->settings, "changed::sync-interval",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reminder-minutes",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
on_context_notify_user_cb (CalbookApplication  *self,
                           CalbookNotification *notification)
{
  g_assert (CALBOOK_IS_APPLICATION (self));

  if (notification == NULL || !notifications_enabled (self))
    return;

  calbook_application_send_notification (self, notification);
}

static void
use_context (CalbookApplication *self,
             CalbookAccount     *account,
             const char         *api_key,
             const char         *store_path)
{
  g_autoptr(CalbookContext) context = NULL;
  g_autoptr(GError) error = NULL;
  CalbookWindow *window;

  g_assert (CALBOOK_IS_APPLICATION (self));
  g_assert (CALBOOK_IS_ACCOUNT (account));

  window = ensure_window (self);

  forget_damaged_store (self);
  context = calbook_context_new (account, api_key, store_path, &error);
  if (context == NULL)
    {
      drop_deferred_actions (self);
      /* The file is left as it is: nothing the person saved is thrown away */
      if (g_error_matches (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT) &&
          store_path != NULL)
        {
          g_autofree char *description = NULL;

          /* A way out that still keeps the file: moved, not deleted */
          self->damaged_account = g_object_ref (account);
          self->damaged_key = g_strdup (api_key);
          self->damaged_path = g_strdup (store_path);
          update_store_aside_action (self);
          description = g_strconcat (error->message, "\n\n",
                                     _("Moving it aside keeps it, with any changes not yet "
                                       "sent to Cal.com, and syncs your bookings again into "
                                       "a new file."),
                                     NULL);
          calbook_window_show_error_with_action (window, _("Could Not Open Your Bookings"),
                                                 description,
                                                 _("_Move Aside and Sync Again"),
                                                 "app.move-store-aside");
          return;
        }

      calbook_window_show_error (window, _("Could Not Open Your Bookings"), error->message);
      return;
    }

  drop_context (self);
  g_clear_object (&self->search_store);
  g_clear_pointer (&self->search_user_email, g_free);
  self->context = g_steal_pointer (&context);
  self->key_pending = api_key == NULL;

  g_signal_connect_object (self->context, "notify-user",
                           G_CALLBACK (on_context_notify_user_cb), self, G_CONNECT_SWAPPED);
  /* Cal.com may refuse the organization's bookings later (or allow them again) */
  g_signal_connect_object (calbook_context_get_account (self->context), "notify::is-admin",
                           G_CALLBACK (update_admin_action), self, G_CONNECT_SWAPPED);

  calbook_context_set_reminder_minutes (self->context,
                                        get_setting_uint (self, "reminder-minutes", 10));
  calbook_window_set_context (window, self->context);
  calbook_context_start_sync (self->context,
                              get_setting_uint (self, "sync-interval", DEFAULT_SYNC_INTERVAL));

  update_admin_action (self);
  if (self->open_admin)
    open_admin (self);

  run_deferred_actions (self);
}

static void
on_demo_account_connected_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(CalbookApplication) self = user_data;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *subtitle = NULL;
  const char *username;

  account = calbook_account_connect_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (account == NULL)
    {
      calbook_window_show_error (ensure_window (self), _("The Demo Could Not Start"),
                                 error->message);
      return;
    }

  username = calbook_account_get_username (account);
  if (username == NULL || *username == '\0')
    username = "demo";

  /* Each demo account gets its own store, inside the demo folder */
  store_path = g_strdup_printf ("%s/%" G_GINT64_FORMAT ".sqlite3",
                                self->demo_folder, calbook_account_get_user_id (account));
  use_context (self, account, self->demo_key, store_path);

  /* Translators: the window subtitle in demo mode; %s is a person's name */
  subtitle = g_strdup_printf (self->demo_as_admin ? _("Demo · %s (administrator)")
                                                  : _("Demo · %s (staff member)"),
                              calbook_account_get_name (account) != NULL
                                ? calbook_account_get_name (account) : username);
  calbook_window_set_subtitle (ensure_window (self), subtitle);
}

static void
connect_demo_account (CalbookApplication *self)
{
  JsonObject *info;
  const char *key;

  g_assert (CALBOOK_IS_APPLICATION (self));

  info = calbook_demo_server_find_account (self->demo_server, self->demo_as_admin);
  key = info != NULL ? json_object_get_string_member_with_default (info, "apiKey", NULL) : NULL;

  if (key == NULL)
    {
      calbook_window_show_error (ensure_window (self), _("The Demo Could Not Start"),
                                 self->demo_as_admin
                                   ? _("The demo server has no administrator account.")
                                   : _("The demo server has no staff member account."));
      return;
    }

  g_free (self->demo_key);
  g_free (self->damaged_key);
  g_free (self->damaged_path);
  self->demo_key = g_strdup (key);
  calbook_account_connect_async (calbook_demo_server_get_url (self->demo_server), key,
                                 self->cancellable, on_demo_account_connected_cb,
                                 g_object_ref (self));
}

static void
on_demo_server_started_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(CalbookApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!calbook_demo_server_start_finish (CALBOOK_DEMO_SERVER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        calbook_window_show_error (ensure_window (self), _("The Demo Could Not Start"),
                                   error->message);
      return;
    }

  connect_demo_account (self);
}

static void
on_welcome_page_signed_in_cb (CalbookApplication *self,
                              CalbookAccount     *account,
                              const char         *api_key)
{
  g_autofree char *store_path = NULL;

  g_assert (CALBOOK_IS_APPLICATION (self));

  if (settings_has_key (self->settings, "base-url"))
    g_settings_set_string (self->settings, "base-url", calbook_account_get_base_url (account));
  if (settings_has_key (self->settings, "last-user-id"))
    g_settings_set_int64 (self->settings, "last-user-id", calbook_account_get_user_id (account));

  store_path = calbook_account_dup_store_path (account);
  use_context (self, account, api_key, store_path);
}

/* A new key for the account whose key Cal.com rejected */
typedef struct
{
  CalbookApplication *self;
  char               *key;
} KeyCheck;

static void
key_check_free (KeyCheck *check)
{
  g_clear_object (&check->self);
  if (check->key != NULL)
    memset (check->key, 0, strlen (check->key));
  g_clear_pointer (&check->key, g_free);
  g_free (check);
}

static void present_key_dialog (CalbookApplication *self,
                                const char         *problem);

static void
on_new_key_checked_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  KeyCheck *check = user_data;
  CalbookApplication *self = check->self;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  CalbookAccount *current;

  account = self->demo ? calbook_account_connect_finish (result, &error)
                       : calbook_account_sign_in_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    {
      key_check_free (check);
      return;
    }

  if (account == NULL)
    {
      present_key_dialog (self, error->message);
      key_check_free (check);
      return;
    }

  current = calbook_context_get_account (self->context);

  /* Another Cal.com user: that account, with its own store; this one's
   * store stays on disk untouched */
  if (calbook_account_get_user_id (account) != calbook_account_get_user_id (current) ||
      g_strcmp0 (calbook_account_get_base_url (account),
                 calbook_account_get_base_url (current)) != 0)
    {
      on_welcome_page_signed_in_cb (self, account, check->key);
      key_check_free (check);
      return;
    }

  /* Same person: same store and outbox, the sync goes on with the new key */
  if (!calbook_context_set_api_key (self->context, check->key, &error))
    present_key_dialog (self, error->message);
  else
    show_toast (self, _("Connected again — your bookings are being brought up to date"));

  key_check_free (check);
}

static void
on_key_dialog_response_cb (AdwMessageDialog   *dialog,
                           const char         *response,
                           CalbookApplication *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "key-entry");
  KeyCheck *check;
  const char *base_url;

  if (g_strcmp0 (response, "connect") != 0 || self->context == NULL)
    return;

  check = g_new0 (KeyCheck, 1);
  check->self = g_object_ref (self);
  check->key = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  /* The entry's copy goes too */
  gtk_editable_set_text (entry, "");

  if (*check->key == '\0')
    {
      present_key_dialog (self, _("Enter the API key"));
      key_check_free (check);
      return;
    }

  base_url = calbook_account_get_base_url (calbook_context_get_account (self->context));

  /* Checked with Cal.com first; only a working key replaces the one in the keyring */
  if (self->demo)
    calbook_account_connect_async (base_url, check->key, self->cancellable,
                                   on_new_key_checked_cb, check);
  else
    calbook_account_sign_in_async (base_url, check->key, self->cancellable,
                                   on_new_key_checked_cb, check);
}

static void
on_key_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (entry);

  adw_message_dialog_set_response_enabled (dialog, "connect", text != NULL && *text != '\0');
}

/* Asks for a new API key without leaving the bookings: the store and the
 * outbox stay, and @problem (plain text) says why it is asked again */
static void
present_key_dialog (CalbookApplication *self,
                    const char         *problem)
{
  CalbookWindow *window = ensure_window (self);
  const char *base_url;
  GtkWidget *dialog;
  GtkWidget *entry;
  GtkWidget *box;

  g_assert (CALBOOK_IS_APPLICATION (self));

  if (self->context == NULL)
    return;

  base_url = calbook_account_get_base_url (calbook_context_get_account (self->context));

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Enter a New API Key"), NULL);
  /* Body and heading are plain text (no *-use-markup) */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The API key was rejected by %s. Create a new key in "
                                    "Cal.com under Settings → Developer → API Keys and paste "
                                    "it here. Your bookings and the changes not sent yet stay "
                                    "on this computer."),
                                  base_url);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* A plain entry: GTK 4.8's GtkPasswordEntry warns about a dead instance
   * when its dialog is destroyed */
  entry = gtk_entry_new ();
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("cal_live_…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("API key"), -1);
  gtk_box_append (GTK_BOX (box), entry);

  if (problem != NULL)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_text (GTK_LABEL (label), problem);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (GTK_BOX (box), label);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Later"),
                                    "connect", _("_Connect"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "connect", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "key-entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_key_entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_key_dialog_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_secret_lookup_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CalbookApplication *self = g_task_get_source_object (task);
  CalbookAccount *account = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  key = calbook_secret_store_lookup_finish (CALBOOK_SECRET_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Signed out or in again meanwhile: this key is of no use */
  if (!self->key_pending || self->context == NULL ||
      calbook_context_get_account (self->context) != account)
    return;

  if (key != NULL && !calbook_context_set_api_key (self->context, key, &error))
    g_clear_pointer (&key, g_free);

  if (key == NULL)
    {
      const char *message = error != NULL
        ? error->message
        : _("Your API key is no longer in the keyring. Enter it again to connect.");

      drop_context (self);
      show_welcome (self, calbook_account_get_base_url (account), message);
      return;
    }

  self->key_pending = FALSE;
  update_admin_action (self);
  if (self->open_admin)
    open_admin (self);
}

static void
start_normal (CalbookApplication *self)
{
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *store_path = NULL;
  GTask *task;

  g_assert (CALBOOK_IS_APPLICATION (self));

  base_url = dup_base_url (self);
  account = calbook_account_load_remembered (base_url, &error);

  if (account == NULL)
    {
      show_welcome (self, base_url,
                                   error != NULL ? error->message : NULL);
      return;
    }

  /* The bookings are shown at once, from the file; the key, which only
   * syncing and sending need, comes from the keyring meanwhile. So the
   * window's first frame already has them (no loading page and no
   * crossfade in between, no wait for the keyring). */
  store_path = calbook_account_dup_store_path (account);
  use_context (self, account, NULL, store_path);
  if (self->context == NULL)
    return;

  if (self->secret_store == NULL)
    self->secret_store = calbook_secret_store_new ();

  /* A task only to carry the account to the callback */
  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);
  calbook_secret_store_lookup_async (self->secret_store, base_url, self->cancellable,
                                     on_secret_lookup_cb, task);
}

static gboolean
on_unix_signal_cb (gpointer user_data)
{
  /* Ctrl+C, a kill or a closed terminal: quit as Ctrl+Q does, so the
   * stores are closed cleanly and the demo folder is deleted */
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);

  return G_SOURCE_CONTINUE;
}

/* Closed, not only destroyed, so each window saves its size first */
static void
close_windows (CalbookApplication *self)
{
  g_autoptr(GList) windows = NULL;

  g_assert (CALBOOK_IS_APPLICATION (self));

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static gboolean
on_close_stores_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

static gboolean
on_close_stores_poll_cb (gpointer user_data)
{
  /* Wakes the loop below: the last store may be closed in a worker thread */
  return G_SOURCE_CONTINUE;
}

/* The closed account's objects that hold a store (see wait_for_release()),
 * counted down from whichever thread drops them last */
static gint releases_pending;

static void
on_released_cb (gpointer  user_data,
                GObject  *where_the_object_was)
{
  g_atomic_int_add (&releases_pending, -1);
}

static void
watch_release (gpointer object)
{
  g_atomic_int_inc (&releases_pending);
  g_object_weak_ref (object, on_released_cb, NULL);
}

/*
 * Work still in flight when the main loop ends (a sync page being written,
 * a count, a request being cancelled) holds its store until its callback
 * has run on this thread. Exiting before then would leave the WAL beside
 * the file, and the next start would check the whole file before the sync
 * could write. So the loop runs on until the closed account's store, sync
 * and outbox are gone, for a while at most: whatever stays is no worse
 * than a crash.
 */
static void
wait_for_release (void)
{
  gboolean timed_out = FALSE;
  guint timeout_id;
  guint poll_id;

  if (g_atomic_int_get (&releases_pending) <= 0)
    return;

  timeout_id = g_timeout_add_seconds (CLOSE_STORES_TIMEOUT_S, on_close_stores_timeout_cb,
                                      &timed_out);
  poll_id = g_timeout_add (20, on_close_stores_poll_cb, NULL);

  while (g_atomic_int_get (&releases_pending) > 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  /* Not a bug of its own: someone else (a test) may hold them */
  if (timed_out)
    g_message ("Quitting with the account's store still open");
  else
    g_source_remove (timeout_id);
  g_source_remove (poll_id);
}

/* Dialogs too (they may hold the account's objects) */
static void
destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    g_ptr_array_add (windows, g_list_model_get_item (toplevels, i));

  for (guint i = 0; i < windows->len; i++)
    gtk_window_destroy (g_ptr_array_index (windows, i));
}

static void
on_quit_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  close_windows (CALBOOK_APPLICATION (user_data));
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_about_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CalbookApplication *self = user_data;
  static const char *developers[] = { "The Calbook authors", NULL };
  g_autofree char *version_name = NULL;
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Calbook"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Calbook authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Your Cal.com bookings on the desktop"),
                        "website", "https://github.com/calbook/calbook",
                        "issue-url", "https://github.com/calbook/calbook/issues",
                        "developers", developers,
                        "copyright", "© 2026 The Calbook authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);

  /* Translators: the accessible name of the About window's version button,
   * which libadwaita 1.2 leaves unnamed (read as "GtkButton") */
  version_name = g_strdup_printf (_("Version %s"), PACKAGE_VERSION);
  calbook_accessible_name_button (about, PACKAGE_VERSION, version_name);

  gtk_window_present (GTK_WINDOW (about));
}

static void
on_preferences_activated_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  CalbookApplication *self = user_data;
  GtkWidget *preferences;
  guint n_unsent = 0;

  if (self->context != NULL)
    g_object_get (self->context, "outbox-count", &n_unsent, NULL);

  preferences = calbook_preferences_window_new (GTK_WINDOW (ensure_window (self)),
                                                self->settings,
                                                self->context != NULL
                                                  ? calbook_context_get_account (self->context)
                                                  : NULL,
                                                !self->demo,
                                                n_unsent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_signed_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CalbookApplication) self = user_data;
  CalbookAccount *account = CALBOOK_ACCOUNT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!calbook_account_sign_out_finish (account, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: %s says what could not be removed */
      message = g_strdup_printf (_("Signed out, but not everything could be removed: %s"),
                                 error->message);
    }

  show_welcome (self, calbook_account_get_base_url (account),
                               message);
}

static void
on_sign_out_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CalbookApplication *self = user_data;
  g_autoptr(CalbookAccount) account = NULL;

  /* The demo has nothing in the keyring and deletes its folder anyway */
  if (self->demo || self->context == NULL)
    return;

  account = g_object_ref (calbook_context_get_account (self->context));

  /* The store is deleted with the account: close it first */
  drop_context (self);
  calbook_window_show_loading (ensure_window (self), _("Signing Out…"), NULL);
  calbook_account_sign_out_async (account, TRUE, self->cancellable,
                                  on_signed_out_cb, g_object_ref (self));
}

static void
on_enter_api_key_activated_cb (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  present_key_dialog (user_data, NULL);
}

static void
on_refresh_activated_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  CalbookApplication *self = user_data;

  if (self->context != NULL)
    calbook_context_sync_now (self->context, FALSE);
}

static void
enqueue_simple (CalbookApplication  *self,
                CalbookMutationKind  kind,
                GVariant            *parameter)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *uid = g_variant_get_string (parameter, NULL);

  g_assert (CALBOOK_IS_APPLICATION (self));

  if (*uid == '\0' ||
      defer_until_open (self, "confirm-booking", parameter))
    return;

  body = calbook_mutation_build_confirm_body ();

  if (!calbook_context_enqueue (self->context, kind, uid, body, NULL, &error))
    show_toast (self, error->message);
}

static void
on_confirm_booking_activated_cb (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  enqueue_simple (user_data, CALBOOK_MUTATION_CONFIRM, parameter);
}

/* Declining asks first (an optional reason, and whether): the notification's
 * Decline opens the window at that booking's decline dialog */
static void
on_decline_booking_activated_cb (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  CalbookApplication *self = user_data;
  g_autoptr(CalbookBooking) booking = NULL;
  const char *uid = g_variant_get_string (parameter, NULL);
  CalbookWindow *window;

  if (*uid == '\0' || defer_until_open (self, "decline-booking", parameter))
    return;

  booking = calbook_store_get_booking (calbook_context_get_store (self->context), uid, NULL);
  if (booking == NULL)
    {
      show_toast (self, _("This booking is no longer there"));
      return;
    }

  window = ensure_window (self);
  calbook_window_show_booking (window, uid);
  gtk_window_present (GTK_WINDOW (window));
  calbook_booking_actions_activate (GTK_WIDGET (window), booking, "decline");
}

static void
on_join_booking_activated_cb (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  CalbookApplication *self = user_data;
  g_autoptr(CalbookBooking) booking = NULL;
  g_autoptr(GError) error = NULL;
  const char *uid = g_variant_get_string (parameter, NULL);
  const char *url;

  if (defer_until_open (self, "join-booking", parameter))
    return;

  booking = calbook_store_get_booking (calbook_context_get_store (self->context), uid, &error);
  if (booking == NULL)
    {
      show_toast (self, error != NULL ? error->message : _("This booking is no longer there"));
      return;
    }

  url = calbook_booking_get_meeting_url (booking);

  /* Only web links: a booking's text must never launch anything else */
  if (url == NULL || !(g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    {
      show_toast (self, _("This booking has no meeting link"));
      return;
    }

  gtk_show_uri (GTK_WINDOW (ensure_window (self)), url, GDK_CURRENT_TIME);
}

static void
on_show_booking_activated_cb (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  CalbookApplication *self = user_data;
  CalbookWindow *window;

  if (defer_until_open (self, "show-booking", parameter))
    return;

  window = ensure_window (self);
  calbook_window_show_booking (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

/* "Show all results" in the Shell's search: the window's own search */
static void
on_search_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  CalbookApplication *self = user_data;
  CalbookWindow *window;

  if (defer_until_open (self, "search", parameter))
    return;

  window = ensure_window (self);
  calbook_window_search (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_start_demo_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  const char *view = g_variant_get_string (parameter, NULL);

  calbook_application_start_demo (user_data, g_strcmp0 (view, "member") != 0);
}

static void
on_show_admin_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  open_admin (user_data);
}

/* The damaged store's way out: the file is renamed beside itself (with
 * any changes not yet sent), and a new one is synced in its place */
static void
on_move_store_aside_activated_cb (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  CalbookApplication *self = user_data;
  g_autoptr(CalbookAccount) account = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  g_autofree char *moved = NULL;
  g_autoptr(GError) error = NULL;
  CalbookWindow *window;

  if (self->damaged_path == NULL)
    return;

  window = ensure_window (self);
  moved = calbook_store_move_aside (self->damaged_path, &error);
  if (moved == NULL)
    {
      calbook_window_add_toast (window, error->message);
      return;
    }

  account = g_steal_pointer (&self->damaged_account);
  key = g_steal_pointer (&self->damaged_key);
  path = g_steal_pointer (&self->damaged_path);
  update_store_aside_action (self);

  /* Without a key yet (a normal start), the start looks it up again */
  if (key != NULL)
    use_context (self, account, key, path);
  else
    start_normal (self);

  if (self->context != NULL)
    {
      g_autofree char *basename = g_path_get_basename (moved);
      g_autofree char *text = g_strdup_printf (_("The damaged file was kept as “%s”."),
                                               basename);

      calbook_window_add_toast (window, text);
    }
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit_activated_cb },
  { "about", on_about_activated_cb },
  { "preferences", on_preferences_activated_cb },
  { "refresh", on_refresh_activated_cb },
  { "sign-out", on_sign_out_activated_cb },
  { "enter-api-key", on_enter_api_key_activated_cb },
  { "confirm-booking", on_confirm_booking_activated_cb, "s" },
  { "decline-booking", on_decline_booking_activated_cb, "s" },
  { "join-booking", on_join_booking_activated_cb, "s" },
  { "show-booking", on_show_booking_activated_cb, "s" },
  { "search", on_search_activated_cb, "s" },
  { "start-demo", on_start_demo_activated_cb, "s" },
  { "show-admin", on_show_admin_activated_cb },
  { "move-store-aside", on_move_store_aside_activated_cb },
  /* What `--admin` asks a running Calbook: always there, so that a member
   * hears why there is no admin window */
  { "open-admin", on_show_admin_activated_cb },
};

/* GObject overrides */

static int
calbook_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  CalbookApplication *self = CALBOOK_APPLICATION (app);

  if (g_variant_dict_contains (options, G_OPTION_REMAINING))
    {
      g_printerr ("%s\n", _("Calbook opens no files: it shows your Cal.com bookings."));
      /* Translators: %s is the program's name */
      g_printerr (_("Run “%s --help” to see the options it takes."), g_get_prgname ());
      g_printerr ("\n");
      return 2;
    }

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", g_get_prgname () != NULL ? g_get_prgname () : "calbook", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    {
      /* The demo is a process of its own: it must not reach into, or be
       * reached by, a running Calbook with a real account */
      self->demo = TRUE;
      self->demo_as_admin = TRUE;
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_contains (options, "admin"))
    {
      g_autoptr(GError) error = NULL;

      /* A Calbook already running opens the window itself */
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      if (g_application_get_is_remote (app))
        {
          GDBusConnection *bus = g_application_get_dbus_connection (app);

          g_action_group_activate_action (G_ACTION_GROUP (app), "open-admin", NULL);
          /* The call is sent asynchronously: out before this process ends */
          if (bus != NULL)
            g_dbus_connection_flush_sync (bus, NULL, NULL);
          return 0;
        }

      self->open_admin = TRUE;
    }

  return -1;
}

static void
calbook_application_startup (GApplication *app)
{
  CalbookApplication *self = CALBOOK_APPLICATION (app);
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *refresh_accels[] = { "<Primary>r", "F5", NULL };
  static const char *preferences_accels[] = { "<Primary>comma", NULL };
  static const char *admin_accels[] = { "<Primary><Shift>a", NULL };

  G_APPLICATION_CLASS (calbook_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.show-admin", admin_accels);
  update_admin_action (self);
  update_store_aside_action (self);

  self->settings = create_settings (self->demo);
  self->settings_in_memory = self->demo;
  connect_settings (self);
  self->cancellable = g_cancellable_new ();

  self->sigint_id = g_unix_signal_add (SIGINT, on_unix_signal_cb, self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, on_unix_signal_cb, self);
  self->sighup_id = g_unix_signal_add (SIGHUP, on_unix_signal_cb, self);
}

static void
calbook_application_activate (GApplication *app)
{
  CalbookApplication *self = CALBOOK_APPLICATION (app);

  ensure_started (self);
  gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static gboolean
calbook_application_dbus_register (GApplication     *app,
                                   GDBusConnection  *connection,
                                   const char       *object_path,
                                   GError          **error)
{
  CalbookApplication *self = CALBOOK_APPLICATION (app);

  if (!G_APPLICATION_CLASS (calbook_application_parent_class)->dbus_register (app, connection,
                                                                            object_path, error))
    return FALSE;

  if (self->search_provider == NULL)
    self->search_provider = calbook_search_provider_new (app, get_search_store, self);

  return calbook_search_provider_export (self->search_provider, connection,
                                         SEARCH_PROVIDER_PATH, error);
}

static void
calbook_application_dbus_unregister (GApplication    *app,
                                     GDBusConnection *connection,
                                     const char      *object_path)
{
  CalbookApplication *self = CALBOOK_APPLICATION (app);

  if (self->search_provider != NULL)
    calbook_search_provider_unexport (self->search_provider);

  G_APPLICATION_CLASS (calbook_application_parent_class)->dbus_unregister (app, connection,
                                                                         object_path);
}

static void
calbook_application_shutdown (GApplication *app)
{
  CalbookApplication *self = CALBOOK_APPLICATION (app);

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sighup_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  /* Quit without app.quit (g_application_quit() from elsewhere): the
   * windows let go of the stores too */
  close_windows (self);
  destroy_toplevels ();
  if (self->context != NULL)
    {
      watch_release (calbook_context_get_store (self->context));
      watch_release (calbook_context_get_sync (self->context));
      watch_release (calbook_context_get_outbox (self->context));
    }
  drop_context (self);
  drop_deferred_actions (self);
  wait_for_release ();

  if (self->demo_server != NULL)
    calbook_demo_server_stop (self->demo_server);
  g_clear_object (&self->demo_server);

  /* Nothing of the demo outlives it */
  if (self->demo_folder != NULL)
    remove_tree (self->demo_folder);
  g_clear_pointer (&self->demo_folder, g_free);

  G_APPLICATION_CLASS (calbook_application_parent_class)->shutdown (app);
}

static void
calbook_application_dispose (GObject *object)
{
  CalbookApplication *self = (CalbookApplication *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->damaged_account);
  g_clear_object (&self->demo_server);
  g_clear_object (&self->secret_store);
  g_clear_object (&self->search_store);
  g_clear_object (&self->search_provider);
  g_clear_pointer (&self->deferred_actions, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (calbook_application_parent_class)->dispose (object);
}

static void
calbook_application_finalize (GObject *object)
{
  CalbookApplication *self = (CalbookApplication *)object;

  g_free (self->demo_folder);
  g_free (self->demo_key);
  g_free (self->search_user_email);

  G_OBJECT_CLASS (calbook_application_parent_class)->finalize (object);
}

static void
calbook_application_class_init (CalbookApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = calbook_application_dispose;
  object_class->finalize = calbook_application_finalize;

  app_class->activate = calbook_application_activate;
  app_class->dbus_register = calbook_application_dbus_register;
  app_class->dbus_unregister = calbook_application_dbus_unregister;
  app_class->handle_local_options = calbook_application_handle_local_options;
  app_class->shutdown = calbook_application_shutdown;
  app_class->startup = calbook_application_startup;
}

static void
calbook_application_init (CalbookApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_inactivity_timeout (G_APPLICATION (self), SERVICE_INACTIVITY_MS);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Your Cal.com bookings on the desktop."));
}

/* Public API */

CalbookApplication *
calbook_application_new (void)
{
  return g_object_new (CALBOOK_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* Explicit, so the Devel application id finds the same resources */
                       "resource-base-path", "/io/github/calbook/Calbook",
                       NULL);
}

/**
 * calbook_application_get_context:
 * @self: a #CalbookApplication
 *
 * Returns: (transfer none) (nullable): the signed-in account's context
 */
CalbookContext *
calbook_application_get_context (CalbookApplication *self)
{
  g_return_val_if_fail (CALBOOK_IS_APPLICATION (self), NULL);

  return self->context;
}

/**
 * calbook_application_get_settings:
 * @self: a #CalbookApplication
 *
 * Returns: (transfer none) (nullable): the settings the application follows
 *   (kept in memory only in the demo); %NULL when the schema is not installed
 */
GSettings *
calbook_application_get_settings (CalbookApplication *self)
{
  g_return_val_if_fail (CALBOOK_IS_APPLICATION (self), NULL);

  return self->settings;
}

CalbookDemoServer *
calbook_application_get_demo_server (CalbookApplication *self)
{
  g_return_val_if_fail (CALBOOK_IS_APPLICATION (self), NULL);

  return self->demo_server;
}

gboolean
calbook_application_get_demo (CalbookApplication *self)
{
  g_return_val_if_fail (CALBOOK_IS_APPLICATION (self), FALSE);

  return self->demo;
}

/**
 * calbook_application_get_demo_folder:
 * @self: a #CalbookApplication
 *
 * Returns: (nullable): the temporary folder holding every file of the demo
 */
const char *
calbook_application_get_demo_folder (CalbookApplication *self)
{
  g_return_val_if_fail (CALBOOK_IS_APPLICATION (self), NULL);

  return self->demo_folder;
}

/**
 * calbook_application_start_demo:
 * @self: a #CalbookApplication
 * @as_admin: sign in as the demo organization's admin, or else as a staff member
 *
 * Starts the built-in sandbox (once) and signs in to it. Every file goes
 * into one temporary folder, deleted on shutdown; the keyring and the
 * settings are left alone.
 */
void
calbook_application_start_demo (CalbookApplication *self,
                                gboolean            as_admin)
{
  CalbookWindow *window;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CALBOOK_IS_APPLICATION (self));

  window = ensure_window (self);
  self->demo = TRUE;
  self->demo_as_admin = !!as_admin;
  self->opening = TRUE;

  /* From the welcome page: the demo's settings must not reach the real ones */
  if (!self->settings_in_memory)
    {
      if (self->settings != NULL)
        g_signal_handlers_disconnect_by_data (self->settings, self);
      g_clear_object (&self->settings);
      self->settings = create_settings (TRUE);
      self->settings_in_memory = TRUE;
      connect_settings (self);
    }

  drop_context (self);
  calbook_window_set_remember_state (window, FALSE);
  calbook_window_show_loading (window, _("Starting the Demo…"),
                               _("A built-in server with made-up bookings is starting"));

  if (self->demo_folder == NULL)
    {
      self->demo_folder = g_dir_make_tmp ("calbook-demo-XXXXXX", &error);
      if (self->demo_folder == NULL)
        {
          calbook_window_show_error (window, _("The Demo Could Not Start"), error->message);
          return;
        }
    }

  if (self->demo_server == NULL)
    {
      g_autofree char *db_path = g_build_filename (self->demo_folder, "sandbox.sqlite3", NULL);

      self->demo_server = calbook_demo_server_new (db_path, 0);
      calbook_demo_server_start_async (self->demo_server, self->cancellable,
                                       on_demo_server_started_cb, g_object_ref (self));
      return;
    }

  if (calbook_demo_server_get_url (self->demo_server) != NULL)
    connect_demo_account (self);
}

/**
 * calbook_application_send_notification:
 * @self: a #CalbookApplication
 * @notification: what the core worked out to tell the person
 *
 * Sends @notification as a #GNotification. The body goes as escaped
 * markup (calbook_notification_dup_body_markup()) because notification
 * daemons such as dunst render body markup, and the text carries names and
 * titles from Cal.com.
 */
void
calbook_application_send_notification (CalbookApplication        *self,
                                       const CalbookNotification *notification)
{
  g_autoptr(GNotification) gnotification = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (CALBOOK_IS_APPLICATION (self));
  g_return_if_fail (notification != NULL);
  g_return_if_fail (notification->title != NULL);

  gnotification = g_notification_new (notification->title);

  body = calbook_notification_dup_body_markup (notification);
  if (body != NULL)
    g_notification_set_body (gnotification, body);

  g_notification_set_priority (gnotification,
                               notification->priority == CALBOOK_NOTIFICATION_PRIORITY_HIGH
                                 ? G_NOTIFICATION_PRIORITY_HIGH
                                 : G_NOTIFICATION_PRIORITY_NORMAL);

  if (notification->booking_uid != NULL)
    g_notification_set_default_action_and_target (gnotification, "app.show-booking",
                                                   "s", notification->booking_uid);

  for (guint i = 0;
       notification->action_names != NULL && notification->action_labels != NULL &&
       i < notification->action_names->len && i < notification->action_labels->len;
       i++)
    {
      const char *name = g_ptr_array_index (notification->action_names, i);
      const char *label = g_ptr_array_index (notification->action_labels, i);

      if (name == NULL || label == NULL || !g_str_has_prefix (name, "app."))
        continue;

      if (notification->booking_uid != NULL)
        g_notification_add_button_with_target (gnotification, label, name,
                                               "s", notification->booking_uid);
      else
        g_notification_add_button (gnotification, label, name);
    }

  g_application_send_notification (G_APPLICATION (self), notification->id, gnotification);
}
