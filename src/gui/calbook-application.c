/* calbook-application.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-application.h"

struct _CalbookApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (CalbookApplication, calbook_application, ADW_TYPE_APPLICATION)

static void
calbook_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, _("Calbook"));
      gtk_window_set_default_size (window, 1000, 700);
    }

  gtk_window_present (window);
}

static void
calbook_application_class_init (CalbookApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = calbook_application_activate;
}

static void
calbook_application_init (CalbookApplication *self)
{
}

CalbookApplication *
calbook_application_new (void)
{
  return g_object_new (CALBOOK_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
