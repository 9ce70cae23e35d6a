/* sync-child.c: syncs one store over and over until it is killed
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: sync-child STORE-PATH URL USERNAME ROLE
 * The API key comes on stdin (never in argv, where `ps` would show it).
 * Prints one line per finished pass.
 */

#include "config.h"

#include <stdio.h>

#include "calbook-account.h"
#include "calbook-api-client.h"
#include "calbook-sync.h"

static void run_pass (CalbookSync *sync);

static void
on_pass_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CalbookSync *sync = CALBOOK_SYNC (object);
  g_autoptr(GError) error = NULL;

  if (calbook_sync_run_finish (sync, result, &error))
    g_print ("pass ok\n");
  else
    g_print ("pass failed: %s\n", error->message);

  run_pass (sync);
}

static void
run_pass (CalbookSync *sync)
{
  /* Full passes write the most: every page, the deletions, the state */
  calbook_sync_run_async (sync, TRUE, on_pass_done_cb, NULL);
}

static void
on_me_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(CalbookSync) sync = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  char key[256] = { 0, };
  CalbookRole role = CALBOOK_ROLE_MEMBER;

  if (argc != 5 || fgets (key, sizeof key, stdin) == NULL)
    {
      g_printerr ("Usage: %s STORE-PATH URL USERNAME ROLE < key\n", argv[0]);
      return 2;
    }
  g_strchomp (key);

  /* Each line must reach the parent before the kill does */
  setvbuf (stdout, NULL, _IONBF, 0);

  if (g_str_equal (argv[4], "ADMIN"))
    role = CALBOOK_ROLE_ADMIN;
  else if (g_str_equal (argv[4], "OWNER"))
    role = CALBOOK_ROLE_OWNER;

  client = calbook_api_client_new (argv[2], key, &error);
  if (client == NULL)
    g_error ("%s", error->message);

  calbook_api_client_get_me_async (client, NULL, on_me_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  me = calbook_api_client_get_me_finish (client, result, &error);
  if (me == NULL)
    g_error ("%s", error->message);

  account = calbook_account_new_from_me (argv[2], me, role, &error);
  if (account == NULL)
    g_error ("%s", error->message);

  sync = calbook_sync_new (account, client, argv[1], &error);
  if (sync == NULL)
    g_error ("%s", error->message);

  run_pass (sync);

  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);

  return 0;
}
