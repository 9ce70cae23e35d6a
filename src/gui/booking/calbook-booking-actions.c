/* calbook-booking-actions.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "calbook-booking-actions.h"
#include "calbook-booking-text.h"
#include "calbook-cancel-dialog.h"
#include "calbook-context.h"
#include "calbook-toast-timer.h"
#include "calbook-decline-dialog.h"
#include "calbook-event-types.h"
#include "calbook-guests-dialog.h"
#include "calbook-location-dialog.h"
#include "calbook-new-booking-dialog.h"
#include "calbook-no-show-dialog.h"

/*
 * The booking action group (see the header). Activating an action finds
 * the booking through the lookup function the widget's class registered,
 * and the context through the root window's "context" property; dialogs
 * ask what is needed; the change goes to the outbox through the core's
 * body builders; a toast tells the outcome.
 */

#define LOOKUP_QUARK (lookup_quark ())

typedef struct
{
  const char *name;
  void      (*activate) (GtkWindow      *window,
                         CalbookContext *context,
                         CalbookBooking *booking);
} BookingAction;

/* A change on its way, for the toast's Undo */
typedef struct
{
  CalbookContext      *context;
  CalbookMutationKind  kind;
  char                *uid;
  gint64               entry_id;
  JsonObject          *reverse_body;
} Undo;

static GQuark
lookup_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("calbook-booking-lookup");

  return quark;
}

static void
undo_free (Undo *undo)
{
  g_clear_object (&undo->context);
  g_free (undo->uid);
  g_clear_pointer (&undo->reverse_body, json_object_unref);
  g_free (undo);
}

static gboolean
booking_is_active (CalbookBooking *booking)
{
  CalbookBookingStatus status = calbook_booking_get_status (booking);

  return status == CALBOOK_BOOKING_STATUS_PENDING || status == CALBOOK_BOOKING_STATUS_CONFIRMED;
}

gboolean
calbook_booking_actions_is_enabled (CalbookBooking *booking,
                                    const char     *name)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean started;
  gboolean ended;

  g_return_val_if_fail (name != NULL, FALSE);

  if (booking == NULL)
    return FALSE;

  started = calbook_booking_get_start (booking) <= now;
  ended = calbook_booking_get_end (booking) <= now;

  /* Cal.com's own rules (what it refuses, it is not offered) */
  if (g_str_equal (name, "confirm") || g_str_equal (name, "decline"))
    return calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_PENDING && !ended;
  if (g_str_equal (name, "cancel") || g_str_equal (name, "change-location") ||
      g_str_equal (name, "add-guests"))
    return booking_is_active (booking) && !ended;
  if (g_str_equal (name, "reschedule"))
    return booking_is_active (booking) && !started;
  if (g_str_equal (name, "mark-no-show"))
    return calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_CONFIRMED && started;
  if (g_str_equal (name, "copy-link") || g_str_equal (name, "copy-id") ||
      g_str_equal (name, "open-web"))
    return calbook_booking_get_uid (booking) != NULL;

  g_return_val_if_reached (FALSE);
}

static CalbookContext *
get_context (GtkWindow *window)
{
  CalbookContext *context = NULL;

  if (window == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (window), "context") == NULL)
    return NULL;

  g_object_get (window, "context", &context, NULL);

  return context;
}

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget) && gtk_widget_get_mapped (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_toast_overlay (child);

      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

static void
show_toast (GtkWindow  *window,
            const char *text,
            Undo       *undo);

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Undo     *undo)
{
  g_autoptr(GError) error = NULL;
  /* The window may be gone by now: its toasts can outlive it */
  g_autoptr(GtkWindow) window = g_weak_ref_get (g_object_get_data (G_OBJECT (toast), "calbook-window"));

  /* Still waiting to be sent: it is simply forgotten */
  if (calbook_context_discard_outbox_entry (undo->context, undo->entry_id, NULL))
    {
      show_toast (window, _("Change undone"), NULL);
      return;
    }

  if (undo->reverse_body == NULL)
    {
      show_toast (window, _("The change already reached Cal.com and can't be undone"), NULL);
      return;
    }

  if (!calbook_context_enqueue (undo->context, undo->kind, undo->uid, undo->reverse_body, NULL,
                                &error))
    show_toast (window, error->message, NULL);
  else
    show_toast (window, _("Change undone"), NULL);
}

static void
show_toast (GtkWindow  *window,
            const char *text,
            Undo       *undo)
{
  g_autofree char *escaped = NULL;
  AdwToastOverlay *overlay;
  GWeakRef *window_ref;
  AdwToast *toast;

  if (window == NULL || (overlay = find_toast_overlay (GTK_WIDGET (window))) == NULL)
    {
      g_clear_pointer (&undo, undo_free);
      return;
    }

  /* Toast titles are markup, and the text carries Cal.com's names */
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  window_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (window_ref, window);
  g_object_set_data_full (G_OBJECT (toast), "calbook-window", window_ref, (GDestroyNotify) weak_ref_free);

  if (undo != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb),
                             undo, (GClosureNotify) (void (*) (void)) undo_free, 0);
    }

  /* Long enough to read it, and with Undo to change one's mind; timed from
   * a frame, as libadwaita 1.2's own timeout can free a toast still animating */
  calbook_toast_timer_add_toast (overlay, toast, undo != NULL ? 10 : 5);
}

/* Cal.com answers a confirm, decline or cancel of one occurrence with that
 * occurrence, but changes the whole series: fetch what changed */
static void
on_mutation_applied_cb (CalbookContext     *context,
                        CalbookOutboxEntry *entry,
                        GPtrArray          *bookings)
{
  CalbookMutationKind kind;

  if (!calbook_mutation_kind_from_string (entry->kind, &kind) ||
      (kind != CALBOOK_MUTATION_CONFIRM && kind != CALBOOK_MUTATION_DECLINE &&
       kind != CALBOOK_MUTATION_CANCEL))
    return;

  for (guint i = 0; bookings != NULL && i < bookings->len; i++)
    if (calbook_booking_get_recurring_booking_uid (g_ptr_array_index (bookings, i)) != NULL)
      {
        calbook_context_sync_now (context, FALSE);
        return;
      }
}

static void
watch_series (CalbookContext *context)
{
  if (g_object_get_data (G_OBJECT (context), "calbook-watching-series") != NULL)
    return;

  g_object_set_data (G_OBJECT (context), "calbook-watching-series", GINT_TO_POINTER (TRUE));
  g_signal_connect (context, "mutation-applied", G_CALLBACK (on_mutation_applied_cb), NULL);
}

/* Puts one change in the outbox and says so; @reverse_body (taken) undoes it
 * once sent, where Cal.com allows */
static gboolean
send_change (GtkWindow           *window,
             CalbookContext      *context,
             CalbookMutationKind  kind,
             const char          *uid,
             JsonObject          *body,
             const char          *done_text,
             JsonObject          *reverse_body)
{
  g_autoptr(JsonObject) reverse = reverse_body;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean online = TRUE;
  Undo *undo = NULL;
  gint64 id = 0;

  watch_series (context);
  if (!calbook_context_enqueue (context, kind, uid, body, &id, &error))
    {
      show_toast (window, error->message, NULL);
      return FALSE;
    }

  g_object_get (context, "online", &online, NULL);
  if (!online)
    /* Translators: %s says what was done, e.g. "Booking with Ann cancelled" */
    text = g_strdup_printf (_("%s — it will be sent when Cal.com can be reached"), done_text);
  else
    text = g_strdup (done_text);

  /* Undo while it waits (it is dropped), or after, where Cal.com has a reverse */
  if (reverse != NULL || !online)
    {
      undo = g_new0 (Undo, 1);
      undo->context = g_object_ref (context);
      undo->kind = kind;
      undo->uid = g_strdup (uid);
      undo->entry_id = id;
      undo->reverse_body = g_steal_pointer (&reverse);
    }

  show_toast (window, text, undo);

  return TRUE;
}

/* Confirm */

static void
activate_confirm (GtkWindow      *window,
                  CalbookContext *context,
                  CalbookBooking *booking)
{
  g_autoptr(JsonObject) body = calbook_mutation_build_confirm_body ();
  g_autofree char *text = NULL;

  /* Translators: %s is the client's name */
  text = g_strdup_printf (_("Booking with %s confirmed"), calbook_booking_text_client_name (booking));
  send_change (window, context, CALBOOK_MUTATION_CONFIRM, calbook_booking_get_uid (booking), body,
               text, NULL);
}

/* Dialogs: each asks, then the answer goes out here */

typedef struct
{
  GtkWindow      *window;
  CalbookContext *context;
  CalbookBooking *booking;
} Request;

static Request *
request_new (GtkWindow      *window,
             CalbookContext *context,
             CalbookBooking *booking)
{
  Request *request = g_new0 (Request, 1);

  g_set_weak_pointer (&request->window, window);
  request->context = g_object_ref (context);
  request->booking = booking != NULL ? g_object_ref (booking) : NULL;

  return request;
}

static void
request_free (Request *request)
{
  g_clear_weak_pointer (&request->window);
  g_clear_object (&request->context);
  g_clear_object (&request->booking);
  g_free (request);
}

static void
on_decline_response_cb (CalbookDeclineDialog *dialog,
                        const char           *response,
                        Request              *request)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;

  if (g_str_equal (response, "decline"))
    {
      reason = calbook_decline_dialog_dup_reason (dialog);
      body = calbook_mutation_build_decline_body (reason);
      /* Translators: %s is the client's name */
      text = g_strdup_printf (_("Request from %s declined"), calbook_booking_text_client_name (request->booking));
      send_change (request->window, request->context, CALBOOK_MUTATION_DECLINE,
                   calbook_booking_get_uid (request->booking), body, text, NULL);
    }

}

static void
activate_decline (GtkWindow      *window,
                  CalbookContext *context,
                  CalbookBooking *booking)
{
  CalbookDeclineDialog *dialog = calbook_decline_dialog_new (window, booking);

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_decline_response_cb),
                         request_new (window, context, booking),
                         (GClosureNotify) (void (*) (void)) request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_cancel_response_cb (CalbookCancelDialog *dialog,
                       const char          *response,
                       Request             *request)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;

  if (g_str_equal (response, "cancel-booking"))
    {
      gboolean following = calbook_cancel_dialog_get_cancel_following (dialog);

      reason = calbook_cancel_dialog_dup_reason (dialog);
      body = calbook_mutation_build_cancel_body (reason, following);
      text = following
        /* Translators: %s is the client's name */
        ? g_strdup_printf (_("Bookings with %s from this one on cancelled"),
                           calbook_booking_text_client_name (request->booking))
        : g_strdup_printf (_("Booking with %s cancelled"), calbook_booking_text_client_name (request->booking));
      send_change (request->window, request->context, CALBOOK_MUTATION_CANCEL,
                   calbook_booking_get_uid (request->booking), body, text, NULL);
    }

}

static void
activate_cancel (GtkWindow      *window,
                 CalbookContext *context,
                 CalbookBooking *booking)
{
  CalbookAccount *account = calbook_context_get_account (context);
  gboolean organizer;
  CalbookCancelDialog *dialog;

  /* Cal.com wants a reason from the organizer (it tells the attendees) */
  organizer = account != NULL &&
              calbook_booking_has_host (booking, calbook_account_get_user_id (account));
  dialog = calbook_cancel_dialog_new (window, booking, organizer);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_cancel_response_cb),
                         request_new (window, context, booking),
                         (GClosureNotify) (void (*) (void)) request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_no_show_response_cb (CalbookNoShowDialog *dialog,
                        const char          *response,
                        Request             *request)
{
  if (g_str_equal (response, "mark"))
    {
      g_autoptr(JsonObject) body = calbook_no_show_dialog_build_body (dialog);
      g_autoptr(JsonObject) reverse = calbook_no_show_dialog_build_reverse_body (dialog);
      g_autofree char *text = calbook_no_show_dialog_describe (dialog);

      send_change (request->window, request->context, CALBOOK_MUTATION_MARK_ABSENT,
                   calbook_booking_get_uid (request->booking), body, text,
                   g_steal_pointer (&reverse));
    }

}

static void
activate_mark_no_show (GtkWindow      *window,
                       CalbookContext *context,
                       CalbookBooking *booking)
{
  CalbookNoShowDialog *dialog = calbook_no_show_dialog_new (window, booking);

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_no_show_response_cb),
                         request_new (window, context, booking),
                         (GClosureNotify) (void (*) (void)) request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_location_response_cb (CalbookLocationDialog *dialog,
                         const char            *response,
                         Request               *request)
{
  if (g_str_equal (response, "change"))
    {
      g_autoptr(JsonObject) body = calbook_location_dialog_build_body (dialog);
      g_autoptr(JsonObject) reverse = calbook_location_dialog_build_reverse_body (dialog);

      send_change (request->window, request->context, CALBOOK_MUTATION_LOCATION,
                   calbook_booking_get_uid (request->booking), body, _("Location changed"),
                   g_steal_pointer (&reverse));
    }

}

static void
activate_change_location (GtkWindow      *window,
                          CalbookContext *context,
                          CalbookBooking *booking)
{
  CalbookLocationDialog *dialog = calbook_location_dialog_new (window, context, booking);

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_location_response_cb),
                         request_new (window, context, booking),
                         (GClosureNotify) (void (*) (void)) request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_guests_response_cb (CalbookGuestsDialog *dialog,
                       const char          *response,
                       Request             *request)
{
  if (g_str_equal (response, "add"))
    {
      g_autoptr(GPtrArray) guests = calbook_guests_dialog_get_guests (dialog);
      g_autoptr(JsonObject) body = calbook_mutation_build_guests_body (guests);
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u guest added", "%u guests added",
                                           guests->len),
                              guests->len);
      send_change (request->window, request->context, CALBOOK_MUTATION_GUESTS,
                   calbook_booking_get_uid (request->booking), body, text, NULL);
    }

}

static void
activate_add_guests (GtkWindow      *window,
                     CalbookContext *context,
                     CalbookBooking *booking)
{
  CalbookGuestsDialog *dialog = calbook_guests_dialog_new (window, booking);

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_guests_response_cb),
                         request_new (window, context, booking),
                         (GClosureNotify) (void (*) (void)) request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* New booking and reschedule share the slot picker */

static void
on_booking_dialog_done_cb (CalbookNewBookingDialog *dialog,
                           JsonObject              *body,
                           Request                 *request)
{
  g_autofree char *text = calbook_new_booking_dialog_describe (dialog);

  if (request->booking != NULL)
    send_change (request->window, request->context, CALBOOK_MUTATION_RESCHEDULE,
                 calbook_booking_get_uid (request->booking), body, text, NULL);
  else
    send_change (request->window, request->context, CALBOOK_MUTATION_CREATE, NULL, body, text,
                 NULL);
}

static void
present_booking_dialog (GtkWindow      *window,
                        CalbookContext *context,
                        CalbookBooking *booking,
                        GDateTime      *start)
{
  CalbookNewBookingDialog *dialog;

  dialog = calbook_new_booking_dialog_new (window, context, booking, start);
  g_signal_connect_data (dialog, "done", G_CALLBACK (on_booking_dialog_done_cb),
                         request_new (window, context, booking),
                         (GClosureNotify) (void (*) (void)) request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
activate_reschedule (GtkWindow      *window,
                     CalbookContext *context,
                     CalbookBooking *booking)
{
  present_booking_dialog (window, context, booking, NULL);
}

/* Links and ids */

/* Cal.com's page for a booking: the web app's /booking/<uid> (the API's
 * "api." host serves the web app as "app.") */
static char *
build_web_url (CalbookContext *context,
               CalbookBooking *booking)
{
  CalbookAccount *account = calbook_context_get_account (context);
  const char *base = account != NULL ? calbook_account_get_base_url (account) : NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *escaped = NULL;
  const char *host;

  if (base == NULL || (uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL)) == NULL)
    return NULL;

  escaped = g_uri_escape_string (calbook_booking_get_uid (booking), NULL, FALSE);
  host = g_uri_get_host (uri);

  if (host != NULL && g_str_has_prefix (host, "api."))
    {
      g_autofree char *web_host = g_strconcat ("app.", host + strlen ("api."), NULL);
      return g_strdup_printf ("%s://%s/booking/%s", g_uri_get_scheme (uri), web_host, escaped);
    }

  return g_strdup_printf ("%s/booking/%s", base, escaped);
}

static void
activate_copy_link (GtkWindow      *window,
                    CalbookContext *context,
                    CalbookBooking *booking)
{
  g_autofree char *url = build_web_url (context, booking);

  if (url == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), url);
  show_toast (window, _("Booking link copied"), NULL);
}

static void
activate_copy_id (GtkWindow      *window,
                  CalbookContext *context,
                  CalbookBooking *booking)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)),
                          calbook_booking_get_uid (booking));
  show_toast (window, _("Booking ID copied"), NULL);
}

static void
activate_open_web (GtkWindow      *window,
                   CalbookContext *context,
                   CalbookBooking *booking)
{
  g_autofree char *url = build_web_url (context, booking);

  if (url != NULL)
    gtk_show_uri (window, url, GDK_CURRENT_TIME);
}

static const BookingAction booking_actions[] = {
  { "confirm", activate_confirm },
  { "decline", activate_decline },
  { "cancel", activate_cancel },
  { "reschedule", activate_reschedule },
  { "mark-no-show", activate_mark_no_show },
  { "change-location", activate_change_location },
  { "add-guests", activate_add_guests },
  { "copy-link", activate_copy_link },
  { "copy-id", activate_copy_id },
  { "open-web", activate_open_web },
};

static CalbookBooking *
lookup_booking (GtkWidget *widget)
{
  for (GType type = G_OBJECT_TYPE (widget); type != 0; type = g_type_parent (type))
    {
      CalbookBookingLookupFunc lookup = g_type_get_qdata (type, LOOKUP_QUARK);

      if (lookup != NULL)
        return lookup (widget);
    }

  return NULL;
}

static void
activate_named (GtkWidget      *widget,
                CalbookBooking *booking,
                const char     *name)
{
  g_autoptr(CalbookContext) context = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));

  context = get_context (window);
  if (booking == NULL || context == NULL)
    return;

  /* A shortcut (Delete) reaches the action even when it does not apply */
  if (!calbook_booking_actions_is_enabled (booking, name))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (booking_actions); i++)
    if (g_str_equal (booking_actions[i].name, name))
      booking_actions[i].activate (window, context, booking);
}

static void
on_booking_action_activated_cb (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  g_autoptr(CalbookBooking) booking = lookup_booking (widget);

  /* Held: a dialog may outlive the widget's current booking */
  if (booking != NULL)
    g_object_ref (booking);

  activate_named (widget, booking, action_name + strlen ("booking."));
}

/* Public API */

void
calbook_booking_actions_install (GtkWidgetClass           *widget_class,
                                 CalbookBookingLookupFunc  lookup)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));
  g_return_if_fail (lookup != NULL);

  g_type_set_qdata (G_TYPE_FROM_CLASS (widget_class), LOOKUP_QUARK, lookup);

  for (guint i = 0; i < G_N_ELEMENTS (booking_actions); i++)
    {
      g_autofree char *name = g_strconcat ("booking.", booking_actions[i].name, NULL);

      gtk_widget_class_install_action (widget_class, name, NULL, on_booking_action_activated_cb);
    }
}

void
calbook_booking_actions_activate (GtkWidget      *widget,
                                  CalbookBooking *booking,
                                  const char     *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CALBOOK_IS_BOOKING (booking));
  g_return_if_fail (name != NULL);

  activate_named (widget, booking, name);
}

void
calbook_booking_actions_update (GtkWidget      *widget,
                                CalbookBooking *booking)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (booking == NULL || CALBOOK_IS_BOOKING (booking));

  for (guint i = 0; i < G_N_ELEMENTS (booking_actions); i++)
    {
      g_autofree char *name = g_strconcat ("booking.", booking_actions[i].name, NULL);

      gtk_widget_action_set_enabled (widget, name,
                                     calbook_booking_actions_is_enabled (booking,
                                                                         booking_actions[i].name));
    }
}

GMenuModel *
calbook_booking_actions_get_menu (void)
{
  static GMenuModel *menu;

  if (menu == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/io/github/calbook/Calbook/calbook-booking-menu.ui");
      menu = g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "booking_menu")));
    }

  return menu;
}

void
calbook_booking_actions_new_booking (GtkWidget *widget,
                                     GDateTime *start,
                                     GDateTime *end)
{
  g_autoptr(CalbookContext) context = NULL;
  GtkWindow *window;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  window = GTK_WINDOW (gtk_widget_get_root (widget));
  context = get_context (window);
  if (context == NULL)
    return;

  present_booking_dialog (window, context, NULL, start);
}

static void
on_new_booking_activated_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  calbook_booking_actions_new_booking (widget, NULL, NULL);
}

void
calbook_booking_actions_install_new_booking (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_install_action (widget_class, "win.new-booking", NULL,
                                   on_new_booking_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-booking", NULL);
}

/* A block dragged to a new time: asked before anything is sent */

typedef struct
{
  Request   *request;
  GDateTime *new_start;
} Move;

static void
on_move_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Move             *move)
{
  Request *request = move->request;

  if (g_str_equal (response, "move"))
    {
      g_autoptr(JsonObject) body = NULL;
      g_autofree char *when = NULL;
      g_autofree char *text = NULL;
      CalbookAccount *account = calbook_context_get_account (request->context);

      body = calbook_mutation_build_reschedule_body (move->new_start, NULL,
                                                     account != NULL ? calbook_account_get_email (account)
                                                                     : NULL);
      when = calbook_new_booking_dialog_format_start (move->new_start);
      /* Translators: "Booking with Ann moved to Tue 3 Dec, 10:00" */
      text = g_strdup_printf (_("Booking with %s moved to %s"), calbook_booking_text_client_name (request->booking), when);
      send_change (request->window, request->context, CALBOOK_MUTATION_RESCHEDULE,
                   calbook_booking_get_uid (request->booking), body, text, NULL);
    }

}

static void
move_free (Move *move)
{
  request_free (move->request);
  g_date_time_unref (move->new_start);
  g_free (move);
}

void
calbook_booking_actions_move (GtkWidget      *widget,
                              CalbookBooking *booking,
                              GDateTime      *new_start)
{
  g_autoptr(CalbookContext) context = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWindow *window;
  GtkWidget *dialog;
  Move *move;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CALBOOK_IS_BOOKING (booking));
  g_return_if_fail (new_start != NULL);

  window = GTK_WINDOW (gtk_widget_get_root (widget));
  context = get_context (window);
  if (context == NULL || !calbook_booking_actions_is_enabled (booking, "reschedule"))
    return;

  when = calbook_new_booking_dialog_format_start (new_start);
  /* Translators: "Move the booking with Ann to Tue 3 Dec, 10:00? Ann is told by e-mail." */
  body = g_strdup_printf (_("Move the booking with %s to %s? Cal.com tells the attendees."),
                          calbook_booking_text_client_name (booking), when);
  dialog = adw_message_dialog_new (window, _("Move Booking?"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Time"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  move = g_new0 (Move, 1);
  move->request = request_new (window, context, booking);
  move->new_start = g_date_time_ref (new_start);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_move_response_cb), move,
                         (GClosureNotify) (void (*) (void)) move_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
