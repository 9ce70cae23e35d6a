/* calbook-demo-server.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-demo-server.h"
#include "calbook-sandbox.h"

/*
 * The built-in Cal.com stand-in behind `calbook --demo`. The sandbox runs
 * in a thread of its own with its own GMainContext, so its SQLite work and
 * request handling never block the window; the app talks to it over real
 * HTTP on a free loopback port, like to Cal.com.
 */

#define DEMO_SEED 20261203

struct _CalbookDemoServer
{
  GObject       parent_instance;

  char         *db_path;

  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GTask        *start_task;

  /* Written by the server thread before start_task returns, read-only after */
  char         *url;
  JsonObject   *info;
};

G_DEFINE_FINAL_TYPE (CalbookDemoServer, calbook_demo_server, G_TYPE_OBJECT)

/* Auxiliary methods */

static gboolean
quit_loop (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);

  return G_SOURCE_REMOVE;
}

static JsonObject *
parse_info (const char  *json,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("The demo server did not describe itself"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "accounts"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The demo server did not describe itself"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* The server thread: everything the sandbox does happens here */
static gpointer
run_server (gpointer data)
{
  CalbookDemoServer *self = data;
  g_autoptr(CalbookSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *info_json = NULL;
  GTask *task;

  g_main_context_push_thread_default (self->context);

  task = g_steal_pointer (&self->start_task);

  sandbox = calbook_sandbox_new_demo (DEMO_SEED, self->db_path, &error);
  if (sandbox != NULL && calbook_sandbox_listen (sandbox, 0, &error))
    {
      info_json = calbook_sandbox_dup_info_json (sandbox);
      self->info = parse_info (info_json, &error);
      self->url = g_strdup (calbook_sandbox_get_url (sandbox));
    }

  if (self->info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      g_clear_object (&sandbox);
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);

  g_main_loop_run (self->loop);

  /* Freed in its own thread, with its own main context still the default */
  g_clear_object (&sandbox);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/* GObject overrides */

static void
calbook_demo_server_dispose (GObject *object)
{
  CalbookDemoServer *self = (CalbookDemoServer *)object;

  calbook_demo_server_stop (self);

  G_OBJECT_CLASS (calbook_demo_server_parent_class)->dispose (object);
}

static void
calbook_demo_server_finalize (GObject *object)
{
  CalbookDemoServer *self = (CalbookDemoServer *)object;

  g_clear_pointer (&self->info, json_object_unref);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->url);
  g_free (self->db_path);

  G_OBJECT_CLASS (calbook_demo_server_parent_class)->finalize (object);
}

static void
calbook_demo_server_class_init (CalbookDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = calbook_demo_server_dispose;
  object_class->finalize = calbook_demo_server_finalize;
}

static void
calbook_demo_server_init (CalbookDemoServer *self)
{
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
}

/* Public API */

/**
 * calbook_demo_server_new:
 * @db_path: the SQLite file of the demo's data (reused when it exists)
 * @n_bookings: unused: the demo always shows the curated practice (the
 *   random load data is for tests, which start the sandbox themselves)
 *
 * Returns: (transfer full): a demo server, not yet started
 */
CalbookDemoServer *
calbook_demo_server_new (const char *db_path,
                         guint       n_bookings)
{
  CalbookDemoServer *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (CALBOOK_TYPE_DEMO_SERVER, NULL);
  self->db_path = g_strdup (db_path);

  return self;
}

void
calbook_demo_server_start_async (CalbookDemoServer   *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CALBOOK_IS_DEMO_SERVER (self));
  g_return_if_fail (self->thread == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, calbook_demo_server_start_async);

  self->start_task = g_object_ref (task);
  self->thread = g_thread_new ("calbook-demo-server", run_server, self);
}

gboolean
calbook_demo_server_start_finish (CalbookDemoServer  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (CALBOOK_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
calbook_demo_server_get_url (CalbookDemoServer *self)
{
  g_return_val_if_fail (CALBOOK_IS_DEMO_SERVER (self), NULL);

  return self->url;
}

/**
 * calbook_demo_server_find_account:
 * @self: a started #CalbookDemoServer
 * @admin: %TRUE for the organization's admin (or owner), %FALSE for the
 *   first staff member
 *
 * Returns: (transfer none) (nullable): the account as the sandbox describes
 *   it: username, name, email, role and apiKey
 */
JsonObject *
calbook_demo_server_find_account (CalbookDemoServer *self,
                                  gboolean           admin)
{
  g_return_val_if_fail (CALBOOK_IS_DEMO_SERVER (self), NULL);

  /* In order of preference: an ADMIN before the OWNER */
  if (admin)
    {
      JsonObject *account = calbook_demo_server_find_account_by_role (self, "ADMIN");

      return account != NULL ? account : calbook_demo_server_find_account_by_role (self, "OWNER");
    }

  return calbook_demo_server_find_account_by_role (self, "MEMBER");
}

/**
 * calbook_demo_server_find_account_by_role:
 * @self: a started #CalbookDemoServer
 * @role: "OWNER", "ADMIN" or "MEMBER"
 *
 * Returns: (transfer none) (nullable): the first account with @role, as
 *   calbook_demo_server_find_account() describes it
 */
JsonObject *
calbook_demo_server_find_account_by_role (CalbookDemoServer *self,
                                          const char        *role)
{
  JsonArray *accounts;

  g_return_val_if_fail (CALBOOK_IS_DEMO_SERVER (self), NULL);

  if (self->info == NULL || (accounts = json_object_get_array_member (self->info, "accounts")) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonNode *node = json_array_get_element (accounts, i);
      JsonObject *account;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      account = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (account, "role", NULL), role) == 0 &&
          json_object_get_string_member_with_default (account, "apiKey", NULL) != NULL)
        return account;
    }

  return NULL;
}

void
calbook_demo_server_stop (CalbookDemoServer *self)
{
  GSource *source;

  g_return_if_fail (CALBOOK_IS_DEMO_SERVER (self));

  if (self->thread == NULL)
    return;

  /* An idle attached to the server's own context: it runs once that loop
   * runs, so a stop that comes before the loop started is not lost */
  source = g_idle_source_new ();
  g_source_set_callback (source, quit_loop, self->loop, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);

  g_thread_join (g_steal_pointer (&self->thread));
}
