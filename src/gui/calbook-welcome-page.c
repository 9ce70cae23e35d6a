/* calbook-welcome-page.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "calbook-accessible.h"
#include "calbook-account.h"
#include "calbook-api-client.h"
#include "calbook-welcome-page-private.h"

/*
 * Shown when no account is signed in: pick the server, paste an API key,
 * connect. On success it emits "signed-in" with the account and the key
 * (which calbook_account_sign_in_async() already put in the keyring); the
 * application builds the context from them.
 */

enum {
  SERVER_CLOUD,
  SERVER_EU,
  SERVER_SELF_HOSTED,
};

#define RESOURCE_PATH "/io/github/calbook/Calbook/"

struct _CalbookWelcomePage
{
  GtkWidget     parent_instance;

  GCancellable *cancellable;
  char         *pending_key;

  /* Template widgets */
  GtkButton    *connect_button;
  GtkSpinner   *connect_spinner;
  GtkMenuButton *demo_button;
  GtkLabel     *error_label;
  AdwEntryRow  *key_row;
  GtkImage     *logo;
  AdwComboRow  *server_row;
  AdwEntryRow  *url_row;
};

G_DEFINE_FINAL_TYPE (CalbookWelcomePage, calbook_welcome_page, GTK_TYPE_WIDGET)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

static char *
dup_base_url (CalbookWelcomePage *self)
{
  g_autofree char *url = NULL;
  gsize len;

  g_assert (CALBOOK_IS_WELCOME_PAGE (self));

  switch (adw_combo_row_get_selected (self->server_row))
    {
    case SERVER_CLOUD:
      return g_strdup (CALBOOK_BASE_URL_CLOUD);
    case SERVER_EU:
      return g_strdup (CALBOOK_BASE_URL_EU);
    default:
      break;
    }

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));

  /* People paste what their browser shows; the setting is the API root without /v2 */
  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  if (g_str_has_suffix (url, "/v2"))
    url[len - 3] = '\0';

  return g_steal_pointer (&url);
}

static void
show_error (CalbookWelcomePage *self,
            const char         *message)
{
  g_assert (CALBOOK_IS_WELCOME_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && *message != '\0');
}

static void
update_sensitivity (CalbookWelcomePage *self)
{
  gboolean busy;
  gboolean ready;

  g_assert (CALBOOK_IS_WELCOME_PAGE (self));

  busy = self->cancellable != NULL;
  ready = *gtk_editable_get_text (GTK_EDITABLE (self->key_row)) != '\0';

  if (adw_combo_row_get_selected (self->server_row) == SERVER_SELF_HOSTED)
    ready = ready && *gtk_editable_get_text (GTK_EDITABLE (self->url_row)) != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), ready && !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->connect_spinner), busy);
  gtk_spinner_set_spinning (self->connect_spinner, busy);
}

/* Callbacks */

static void
on_sign_in_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CalbookWelcomePage) self = user_data;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  account = calbook_account_sign_in_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  key = g_steal_pointer (&self->pending_key);
  update_sensitivity (self);

  if (account == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  g_signal_emit (self, signals[SIGNED_IN], 0, account, key);
}

static void
on_connect_button_clicked_cb (CalbookWelcomePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *key = NULL;

  g_assert (CALBOOK_IS_WELCOME_PAGE (self));

  if (self->cancellable != NULL)
    return;

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  if (*key == '\0')
    {
      show_error (self, _("Enter the API key from your Cal.com settings."));
      return;
    }

  base_url = dup_base_url (self);
  if (!calbook_api_client_validate_base_url (base_url, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  g_free (self->pending_key);
  self->pending_key = g_strdup (key);
  update_sensitivity (self);

  calbook_account_sign_in_async (base_url, key, self->cancellable,
                                 on_sign_in_cb, g_object_ref (self));
}

static void
on_entry_changed_cb (CalbookWelcomePage *self)
{
  g_assert (CALBOOK_IS_WELCOME_PAGE (self));

  update_sensitivity (self);
}

static void
on_server_row_selected_changed_cb (CalbookWelcomePage *self)
{
  gboolean self_hosted;

  g_assert (CALBOOK_IS_WELCOME_PAGE (self));

  self_hosted = adw_combo_row_get_selected (self->server_row) == SERVER_SELF_HOSTED;
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), self_hosted);
  update_sensitivity (self);
}

/* GObject overrides */

static void
calbook_welcome_page_dispose (GObject *object)
{
  CalbookWelcomePage *self = (CalbookWelcomePage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_WELCOME_PAGE);

  /* The template's top box has no id, so dispose_template leaves it */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (calbook_welcome_page_parent_class)->dispose (object);
}

static void
calbook_welcome_page_finalize (GObject *object)
{
  CalbookWelcomePage *self = (CalbookWelcomePage *)object;

  g_free (self->pending_key);

  G_OBJECT_CLASS (calbook_welcome_page_parent_class)->finalize (object);
}

static void
calbook_welcome_page_class_init (CalbookWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_welcome_page_dispose;
  object_class->finalize = calbook_welcome_page_finalize;

  /**
   * CalbookWelcomePage::signed-in:
   * @account: the account that was signed in
   * @api_key: its key, already stored in the keyring
   */
  signals[SIGNED_IN] = g_signal_new ("signed-in",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2,
                                     CALBOOK_TYPE_ACCOUNT,
                                     G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "calbook-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookWelcomePage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookWelcomePage, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, CalbookWelcomePage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookWelcomePage, key_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookWelcomePage, logo);
  gtk_widget_class_bind_template_child (widget_class, CalbookWelcomePage, server_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookWelcomePage, url_row);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_row_selected_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
calbook_welcome_page_init (CalbookWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The app icon, which the Devel build names differently */
  gtk_image_set_from_icon_name (self->logo, APPLICATION_ID);

  /* Names a screen reader can read (see calbook-accessible.c) */
  calbook_accessible_name_from_label (GTK_WIDGET (self->connect_button));
  calbook_accessible_name_from_label (GTK_WIDGET (self->demo_button));
  calbook_accessible_name_from_tooltip (GTK_WIDGET (self->key_row));
}

/* Public API */

GtkWidget *
calbook_welcome_page_new (void)
{
  return g_object_new (CALBOOK_TYPE_WELCOME_PAGE, NULL);
}

void
calbook_welcome_page_set_message (CalbookWelcomePage *self,
                                  const char         *message)
{
  g_return_if_fail (CALBOOK_IS_WELCOME_PAGE (self));

  show_error (self, message);
}

void
calbook_welcome_page_set_base_url (CalbookWelcomePage *self,
                                   const char         *base_url)
{
  g_return_if_fail (CALBOOK_IS_WELCOME_PAGE (self));

  if (base_url == NULL || g_strcmp0 (base_url, CALBOOK_BASE_URL_CLOUD) == 0)
    {
      adw_combo_row_set_selected (self->server_row, SERVER_CLOUD);
    }
  else if (g_strcmp0 (base_url, CALBOOK_BASE_URL_EU) == 0)
    {
      adw_combo_row_set_selected (self->server_row, SERVER_EU);
    }
  else
    {
      adw_combo_row_set_selected (self->server_row, SERVER_SELF_HOSTED);
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), base_url);
    }
}

AdwComboRow *
calbook_welcome_page_get_server_row (CalbookWelcomePage *self)
{
  g_return_val_if_fail (CALBOOK_IS_WELCOME_PAGE (self), NULL);

  return self->server_row;
}

AdwEntryRow *
calbook_welcome_page_get_url_row (CalbookWelcomePage *self)
{
  g_return_val_if_fail (CALBOOK_IS_WELCOME_PAGE (self), NULL);

  return self->url_row;
}

AdwEntryRow *
calbook_welcome_page_get_key_row (CalbookWelcomePage *self)
{
  g_return_val_if_fail (CALBOOK_IS_WELCOME_PAGE (self), NULL);

  return self->key_row;
}

GtkButton *
calbook_welcome_page_get_connect_button (CalbookWelcomePage *self)
{
  g_return_val_if_fail (CALBOOK_IS_WELCOME_PAGE (self), NULL);

  return self->connect_button;
}

GtkLabel *
calbook_welcome_page_get_error_label (CalbookWelcomePage *self)
{
  g_return_val_if_fail (CALBOOK_IS_WELCOME_PAGE (self), NULL);

  return self->error_label;
}
