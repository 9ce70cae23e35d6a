/* bench-gui.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The set-up half of build-aux/bench-gui.sh: signs in as a person does, so
 * a plain `calbook` starts with that account (offline if need be).
 *
 *   bench-gui sign-in URL KEY    remembers the profile, puts the key in the
 *                                keyring, sets the "base-url" setting and
 *                                prints the account's store path
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "calbook-account.h"

#define SETTINGS_SCHEMA_ID "io.github.calbook.Calbook"

typedef struct
{
  GMainLoop      *loop;
  CalbookAccount *account;
  GError         *error;
} Waiter;

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->account = calbook_account_sign_in_finish (result, &waiter->error);
  g_main_loop_quit (waiter->loop);
}

static int
sign_in (const char *url,
         const char *key)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *store_path = NULL;
  Waiter waiter = { loop, NULL, NULL };

  calbook_account_sign_in_async (url, key, NULL, on_signed_in_cb, &waiter);
  g_main_loop_run (loop);
  if (waiter.account == NULL)
    {
      g_printerr ("bench-gui: signing in: %s\n", waiter.error->message);
      g_error_free (waiter.error);
      return EXIT_FAILURE;
    }

  settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_settings_set_string (settings, "base-url", calbook_account_get_base_url (waiter.account));
  g_settings_sync ();

  store_path = calbook_account_dup_store_path (waiter.account);
  printf ("%s\n", store_path);
  g_object_unref (waiter.account);

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "sign-in"))
    return sign_in (argv[2], argv[3]);

  g_printerr ("usage: bench-gui sign-in URL KEY\n");
  return 2;
}
