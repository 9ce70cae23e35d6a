/* calbook-outbox-window.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "calbook-format.h"
#include "calbook-mutation.h"
#include "calbook-outbox-window.h"
#include "calbook-outbox.h"

/*
 * "Changes Not Sent": every change in the outbox, what it is (from the
 * store), where it stands, and per change Retry and Discard; a refused
 * cancel or decline can get another reason, a refused move another start
 * time, before it is retried. Everything that came from Cal.com (titles,
 * names, error messages) is set as plain text: rows have use-markup off.
 */

#define RESOURCE_PATH "/io/github/calbook/Calbook/"

struct _CalbookOutboxWindow
{
  AdwWindow           parent_instance;

  CalbookContext     *context;
  GPtrArray          *groups;
  char               *signature;

  /* Template widgets */
  AdwPreferencesPage *page;
  GtkStack           *stack;
  AdwToastOverlay    *toast_overlay;
};

G_DEFINE_FINAL_TYPE (CalbookOutboxWindow, calbook_outbox_window, ADW_TYPE_WINDOW)

/* One change on screen; lives as long as its group */
typedef struct
{
  CalbookOutboxWindow *self;
  gint64               id;
  char                *kind;
  char                *payload;
  char                *what;
  GtkWidget           *group;
  GtkWidget           *edit_button;
  GtkWidget           *reason_row;
  GtkWidget           *date_row;
  GtkWidget           *time_row;
} EntryView;

/* What the person typed into an editor, kept across a reload */
typedef struct
{
  char *reason;
  char *date;
  char *time;
} Edits;

typedef struct
{
  CalbookOutboxWindow *self;
  gint64               id;
} DiscardData;


/* Auxiliary methods */

static void
entry_view_free (gpointer data)
{
  EntryView *view = data;

  g_free (view->kind);
  g_free (view->payload);
  g_free (view->what);
  g_free (view);
}

static void
edits_free (gpointer data)
{
  Edits *edits = data;

  g_free (edits->reason);
  g_free (edits->date);
  g_free (edits->time);
  g_free (edits);
}

static void
discard_data_free (gpointer  data,
                   GClosure *closure)
{
  DiscardData *discard = data;

  g_clear_object (&discard->self);
  g_free (discard);
}

static void
show_toast (CalbookOutboxWindow *self,
            const char          *text)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_assert (CALBOOK_IS_OUTBOX_WINDOW (self));

  /* Toast titles are markup, and the text may carry Cal.com's words */
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static JsonObject *
parse_payload (const char *payload)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (payload == NULL || !json_parser_load_from_data (parser, payload, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static const char *
describe_kind (const char *kind)
{
  if (g_strcmp0 (kind, "create") == 0)
    return _("New booking");
  if (g_strcmp0 (kind, "reschedule") == 0)
    return _("Move");
  if (g_strcmp0 (kind, "cancel") == 0)
    return _("Cancel");
  if (g_strcmp0 (kind, "confirm") == 0)
    return _("Confirm");
  if (g_strcmp0 (kind, "decline") == 0)
    return _("Decline");
  if (g_strcmp0 (kind, "mark-absent") == 0)
    return _("Mark no-show");
  if (g_strcmp0 (kind, "location") == 0)
    return _("Change location");
  if (g_strcmp0 (kind, "guests") == 0)
    return _("Add guests");

  /* A kind from a newer Calbook: shown as it is stored */
  return kind != NULL ? kind : _("Change");
}

/* "10:00" today, "Wed 25 Nov, 10:00" on other days */
static char *
format_short_time (gint64 when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (utc == NULL)
    return g_strdup ("?");

  local = g_date_time_to_local (utc);

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");

  /* Translators: a booking's day and start time, see g_date_time_format() */
  return g_date_time_format (local, _("%a %e %b, %H:%M"));
}

static gint64
parse_payload_start (JsonObject *payload)
{
  g_autoptr(GDateTime) start = NULL;
  const char *text = get_string (payload, "start");

  if (text == NULL)
    return 0;

  start = g_date_time_new_from_iso8601 (text, NULL);

  return start != NULL ? g_date_time_to_unix (start) : 0;
}

/* The booking's time and first attendee, from the store (or, for a booking
 * not made yet, from the change itself); NULL when unknown */
static void
find_time_and_attendee (CalbookStore             *store,
                        const CalbookOutboxEntry *entry,
                        JsonObject               *payload,
                        CalbookBooking          **out_booking,
                        gint64                   *out_start,
                        char                    **out_attendee)
{
  g_autoptr(CalbookBooking) booking = NULL;

  *out_start = 0;
  *out_attendee = NULL;

  if (store != NULL && entry->booking_uid != NULL)
    booking = calbook_store_get_booking (store, entry->booking_uid, NULL);

  if (booking != NULL)
    {
      GPtrArray *attendees = calbook_booking_get_attendees (booking);

      *out_start = calbook_booking_get_start (booking);
      if (attendees != NULL && attendees->len > 0)
        {
          const CalbookPerson *person = g_ptr_array_index (attendees, 0);

          if (person->name != NULL && *person->name != '\0')
            *out_attendee = g_strdup (person->name);
          else if (person->email != NULL && *person->email != '\0')
            *out_attendee = g_strdup (person->email);
        }
    }
  else if (payload != NULL)
    {
      JsonNode *attendee;

      *out_start = parse_payload_start (payload);
      attendee = json_object_has_member (payload, "attendee")
        ? json_object_get_member (payload, "attendee") : NULL;
      if (attendee != NULL && JSON_NODE_HOLDS_OBJECT (attendee))
        *out_attendee = g_strdup (get_string (json_node_get_object (attendee), "name"));
    }

  if (out_booking != NULL)
    *out_booking = g_steal_pointer (&booking);
}

static char *
describe_booking_phrase (gint64      start,
                         const char *attendee)
{
  g_autofree char *when = NULL;

  if (start == 0)
    return attendee != NULL
      /* Translators: "Couldn't cancel the booking with Max Müller" */
      ? g_strdup_printf (_("the booking with %s"), attendee)
      : g_strdup (_("the booking"));

  when = format_short_time (start);

  return attendee != NULL
    /* Translators: "the 10:00 booking with Max Müller" */
    ? g_strdup_printf (_("the %s booking with %s"), when, attendee)
    /* Translators: "the 10:00 booking" */
    : g_strdup_printf (_("the %s booking"), when);
}

static char *
build_retry_body (EntryView  *view,
                  GError    **error)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert (view != NULL);

  body = parse_payload (view->payload);
  if (body == NULL)
    body = json_object_new ();

  if (view->reason_row != NULL)
    {
      const char *reason = gtk_editable_get_text (GTK_EDITABLE (view->reason_row));
      JsonNode *subsequent = json_object_get_member (body, "cancelSubsequentBookings");
      g_autoptr(JsonObject) fresh = NULL;

      /* The same shape as any cancel or decline, keeping the rest of the choice */
      if (g_str_equal (view->kind, "decline"))
        fresh = calbook_mutation_build_decline_body (reason);
      else
        fresh = calbook_mutation_build_cancel_body (reason,
                                                    subsequent != NULL &&
                                                    JSON_NODE_HOLDS_VALUE (subsequent) &&
                                                    json_node_get_boolean (subsequent));
      g_clear_pointer (&body, json_object_unref);
      body = g_steal_pointer (&fresh);
    }
  else if (view->date_row != NULL)
    {
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(JsonObject) fresh = NULL;
      g_autofree char *iso = NULL;
      const char *date = gtk_editable_get_text (GTK_EDITABLE (view->date_row));
      const char *time = gtk_editable_get_text (GTK_EDITABLE (view->time_row));
      int year, month, day, hour, minute;
      char extra;

      if (sscanf (date, "%d-%d-%d%c", &year, &month, &day, &extra) != 3)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Enter the date as year-month-day, e.g. 2026-11-24"));
          return NULL;
        }
      if (sscanf (time, "%d:%d%c", &hour, &minute, &extra) != 2)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Enter the time as hours:minutes, e.g. 14:30"));
          return NULL;
        }

      if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 ||
          hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
          (start = g_date_time_new_local (year, month, day, hour, minute, 0)) == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("That date or time does not exist"));
          return NULL;
        }

      /* The same shape as any reschedule, keeping the reason given before */
      fresh = calbook_mutation_build_reschedule_body (start,
                                                      get_string (body, "reschedulingReason"),
                                                      get_string (body, "rescheduledBy"));
      g_clear_pointer (&body, json_object_unref);
      body = g_steal_pointer (&fresh);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, body);

  return json_to_string (node, FALSE);
}

static void
save_edits (CalbookOutboxWindow *self,
            GHashTable          *edits)
{
  g_assert (CALBOOK_IS_OUTBOX_WINDOW (self));

  for (guint i = 0; i < self->groups->len; i++)
    {
      EntryView *view = g_object_get_data (g_ptr_array_index (self->groups, i), "entry-view");
      Edits *saved;

      if (view->reason_row == NULL && view->date_row == NULL)
        continue;
      if (!gtk_widget_get_visible (view->reason_row != NULL ? view->reason_row : view->date_row))
        continue;

      saved = g_new0 (Edits, 1);
      if (view->reason_row != NULL)
        saved->reason = g_strdup (gtk_editable_get_text (GTK_EDITABLE (view->reason_row)));
      if (view->date_row != NULL)
        {
          saved->date = g_strdup (gtk_editable_get_text (GTK_EDITABLE (view->date_row)));
          saved->time = g_strdup (gtk_editable_get_text (GTK_EDITABLE (view->time_row)));
        }
      g_hash_table_insert (edits, g_memdup2 (&view->id, sizeof view->id), saved);
    }
}

static void show_editor (EntryView *view,
                         gboolean   show);

static GtkWidget *
new_entry_row (const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_widget_set_visible (row, FALSE);

  return row;
}

static void on_edit_button_clicked_cb    (GtkButton *button,
                                          EntryView *view);
static void on_retry_button_clicked_cb   (GtkButton *button,
                                          EntryView *view);
static void on_discard_button_clicked_cb (GtkButton *button,
                                          EntryView *view);

static GtkWidget *
new_text_button (const char *mnemonic,
                 const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);

  return button;
}

static GtkWidget *
build_entry_group (CalbookOutboxWindow      *self,
                   const CalbookOutboxEntry *entry,
                   Edits                    *edits)
{
  g_autoptr(JsonObject) payload = parse_payload (entry->payload);
  g_autoptr(CalbookBooking) booking = NULL;
  g_autofree char *attendee = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  const char *booking_title = NULL;
  const char *state_title;
  const char *state_icon;
  GtkWidget *group;
  GtkWidget *row;
  GtkWidget *state_row;
  GtkWidget *icon;
  GtkWidget *buttons;
  GtkWidget *retry;
  GtkWidget *discard;
  EntryView *view;
  gint64 start;
  gboolean failed = entry->state == CALBOOK_OUTBOX_STATE_FAILED;

  g_assert (CALBOOK_IS_OUTBOX_WINDOW (self));

  find_time_and_attendee (calbook_context_get_store (self->context), entry, payload,
                          &booking, &start, &attendee);

  if (booking != NULL)
    booking_title = calbook_booking_get_title (booking);
  if (booking_title == NULL || *booking_title == '\0')
    booking_title = booking != NULL ? _("Untitled booking")
                                    : (entry->booking_uid != NULL ? entry->booking_uid : NULL);

  /* Translators: "Cancel · Quarterly review" */
  title = booking_title != NULL
    ? g_strdup_printf (_("%s · %s"), describe_kind (entry->kind), booking_title)
    : g_strdup (describe_kind (entry->kind));

  if (booking != NULL)
    when = calbook_format_time_range (calbook_booking_get_start (booking),
                                      calbook_booking_get_end (booking));
  else if (start != 0)
    when = format_short_time (start);

  if (when != NULL && attendee != NULL)
    /* Translators: "Tue 24 Nov, 10:00–10:30 · Max Müller" */
    subtitle = g_strdup_printf (_("%s · %s"), when, attendee);
  else
    subtitle = g_strdup (when != NULL ? when : attendee);

  view = g_new0 (EntryView, 1);
  view->self = self;
  view->id = entry->id;
  view->kind = g_strdup (entry->kind);
  view->payload = g_strdup (entry->payload);
  view->what = g_strdup (title);

  group = adw_preferences_group_new ();
  view->group = group;
  g_object_set_data_full (G_OBJECT (group), "entry-view", view, entry_view_free);

  /* What it is */
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);

  if (failed && (g_str_equal (entry->kind, "cancel") || g_str_equal (entry->kind, "decline") ||
                 g_str_equal (entry->kind, "reschedule")))
    {
      view->edit_button = new_text_button (_("_Edit"), _("Change it before sending it again"));
      g_signal_connect (view->edit_button, "clicked", G_CALLBACK (on_edit_button_clicked_cb), view);
      gtk_box_append (GTK_BOX (buttons), view->edit_button);
    }

  retry = new_text_button (_("_Retry"), failed ? _("Send it to Cal.com again") : _("Send it now"));
  g_signal_connect (retry, "clicked", G_CALLBACK (on_retry_button_clicked_cb), view);
  gtk_box_append (GTK_BOX (buttons), retry);

  discard = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (discard, _("Discard"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (discard),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Discard"), -1);
  gtk_widget_add_css_class (discard, "flat");
  g_signal_connect (discard, "clicked", G_CALLBACK (on_discard_button_clicked_cb), view);
  gtk_box_append (GTK_BOX (buttons), discard);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  /* Where it stands */
  switch (entry->state)
    {
    case CALBOOK_OUTBOX_STATE_FAILED:
      /* Given up after Cal.com kept failing on it, or refused for good */
      state_title = entry->attempts >= CALBOOK_OUTBOX_MAX_ATTEMPTS
                  ? _("Cal.com kept failing")
                  : _("Cal.com refused it");
      state_icon = "dialog-warning-symbolic";
      break;
    case CALBOOK_OUTBOX_STATE_SENDING:
      state_title = _("Sending…");
      state_icon = "mail-send-symbolic";
      break;
    case CALBOOK_OUTBOX_STATE_QUEUED:
    default:
      state_title = _("Waiting to be sent");
      state_icon = "document-open-recent-symbolic";
      break;
    }

  state_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (state_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (state_row), state_title);
  if (entry->last_error != NULL && *entry->last_error != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (state_row), entry->last_error);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (state_row), 0);
  icon = gtk_image_new_from_icon_name (state_icon);
  if (failed)
    gtk_widget_add_css_class (icon, "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (state_row), icon);
  gtk_widget_add_css_class (state_row, "calbook-outbox-state");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), state_row);

  /* The editor, hidden until Edit */
  if (view->edit_button != NULL && g_str_equal (entry->kind, "reschedule"))
    {
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *date = NULL;
      g_autofree char *time = NULL;
      gint64 wanted = parse_payload_start (payload);

      if (wanted != 0 && (utc = g_date_time_new_from_unix_utc (wanted)) != NULL)
        {
          local = g_date_time_to_local (utc);
          date = g_date_time_format (local, "%Y-%m-%d");
          time = g_date_time_format (local, "%H:%M");
        }

      view->date_row = new_entry_row (_("New Date (year-month-day)"),
                                      edits != NULL ? edits->date : date);
      view->time_row = new_entry_row (_("New Start Time (hours:minutes)"),
                                      edits != NULL ? edits->time : time);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), view->date_row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), view->time_row);
    }
  else if (view->edit_button != NULL)
    {
      const char *reason = get_string (payload, g_str_equal (entry->kind, "decline")
                                                  ? "reason" : "cancellationReason");

      view->reason_row = new_entry_row (_("Reason"), edits != NULL ? edits->reason : reason);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), view->reason_row);
    }

  if (edits != NULL)
    show_editor (view, TRUE);

  return group;
}

static void
show_editor (EntryView *view,
             gboolean   show)
{
  g_assert (view != NULL);

  if (view->reason_row != NULL)
    gtk_widget_set_visible (view->reason_row, show);
  if (view->date_row != NULL)
    gtk_widget_set_visible (view->date_row, show);
  if (view->time_row != NULL)
    gtk_widget_set_visible (view->time_row, show);
  if (view->edit_button != NULL)
    gtk_widget_set_sensitive (view->edit_button, !show);
}

static char *
build_signature (GPtrArray *entries)
{
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (signature, "%" G_GINT64_FORMAT ":%d:%s:%s\n", entry->id,
                              entry->state, entry->last_error != NULL ? entry->last_error : "",
                              entry->payload != NULL ? entry->payload : "");
    }

  return g_string_free (signature, FALSE);
}


/* Callbacks */

static void
on_edit_button_clicked_cb (GtkButton *button,
                           EntryView *view)
{
  GtkWidget *focus;

  show_editor (view, TRUE);

  focus = view->reason_row != NULL ? view->reason_row : view->date_row;
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
on_retry_button_clicked_cb (GtkButton *button,
                            EntryView *view)
{
  CalbookOutboxWindow *self = view->self;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  gboolean edited;

  g_assert (CALBOOK_IS_OUTBOX_WINDOW (self));

  edited = (view->reason_row != NULL && gtk_widget_get_visible (view->reason_row)) ||
           (view->date_row != NULL && gtk_widget_get_visible (view->date_row));

  if (edited)
    {
      g_autofree char *text = build_retry_body (view, &error);

      /* A mistake in the form: said plainly, and the form keeps what was typed */
      if (text == NULL)
        {
          show_toast (self, error->message);
          return;
        }

      body = parse_payload (text);
    }

  if (!calbook_context_retry_outbox_entry (self->context, view->id, body, &error))
    {
      show_toast (self, error->message);
      return;
    }

  /* The list shows it as waiting again; the reload follows the context */
  calbook_outbox_window_reload (self);
}

static void
on_discard_dialog_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               DiscardData      *discard)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "discard") != 0 || discard->self->context == NULL)
    return;

  if (!calbook_context_discard_outbox_entry (discard->self->context, discard->id, &error))
    {
      show_toast (discard->self, error->message);
      return;
    }

  calbook_outbox_window_reload (discard->self);
}

static void
on_discard_button_clicked_cb (GtkButton *button,
                              EntryView *view)
{
  CalbookOutboxWindow *self = view->self;
  DiscardData *discard;
  GtkWidget *dialog;

  g_assert (CALBOOK_IS_OUTBOX_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard This Change?"), NULL);
  /* Heading and body are plain text (no *-use-markup): the title is Cal.com's */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” will not be sent to Cal.com. "
                                    "The change will be lost."),
                                  view->what);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");

  discard = g_new0 (DiscardData, 1);
  discard->self = g_object_ref (self);
  discard->id = view->id;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_discard_dialog_response_cb),
                         discard, discard_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_context_changed_cb (CalbookOutboxWindow *self)
{
  g_assert (CALBOOK_IS_OUTBOX_WINDOW (self));

  calbook_outbox_window_reload (self);
}


/* GObject overrides */

static void
calbook_outbox_window_dispose (GObject *object)
{
  CalbookOutboxWindow *self = CALBOOK_OUTBOX_WINDOW (object);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_OUTBOX_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (calbook_outbox_window_parent_class)->dispose (object);
}

static void
calbook_outbox_window_finalize (GObject *object)
{
  CalbookOutboxWindow *self = CALBOOK_OUTBOX_WINDOW (object);

  g_free (self->signature);

  G_OBJECT_CLASS (calbook_outbox_window_parent_class)->finalize (object);
}

static void
calbook_outbox_window_class_init (CalbookOutboxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_outbox_window_dispose;
  object_class->finalize = calbook_outbox_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "calbook-outbox-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookOutboxWindow, page);
  gtk_widget_class_bind_template_child (widget_class, CalbookOutboxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CalbookOutboxWindow, toast_overlay);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
calbook_outbox_window_init (CalbookOutboxWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
}


/* Public API */

/**
 * calbook_outbox_window_new:
 * @parent: (nullable): the window it belongs to
 * @context: the signed-in account's context
 *
 * Returns: (transfer none): a new "Changes Not Sent" window, following
 *   @context's outbox while it is open
 */
CalbookOutboxWindow *
calbook_outbox_window_new (GtkWindow      *parent,
                           CalbookContext *context)
{
  CalbookOutboxWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CALBOOK_IS_CONTEXT (context), NULL);

  self = g_object_new (CALBOOK_TYPE_OUTBOX_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);

  g_signal_connect_object (context, "notify::outbox-count",
                           G_CALLBACK (on_context_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "bookings-changed",
                           G_CALLBACK (on_context_changed_cb), self, G_CONNECT_SWAPPED);

  calbook_outbox_window_reload (self);

  return self;
}

/**
 * calbook_outbox_window_reload:
 * @self: a #CalbookOutboxWindow
 *
 * Shows the outbox as it is now. What the person is typing into an open
 * editor is kept.
 */
void
calbook_outbox_window_reload (CalbookOutboxWindow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) edits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;

  g_return_if_fail (CALBOOK_IS_OUTBOX_WINDOW (self));

  if (self->context == NULL)
    return;

  entries = calbook_context_list_outbox (self->context, &error);
  if (entries == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  /* The context tells about every synced page: rebuild only on a change */
  signature = build_signature (entries);
  if (g_strcmp0 (signature, self->signature) == 0)
    return;
  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);

  edits = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, edits_free);
  save_edits (self, edits);

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  for (guint i = 0; i < entries->len; i++)
    {
      CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);
      Edits *saved = g_hash_table_lookup (edits, &entry->id);
      GtkWidget *group;

      /* An edit survives only while the change is still refused */
      if (entry->state != CALBOOK_OUTBOX_STATE_FAILED)
        saved = NULL;

      group = build_entry_group (self, entry, saved);
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }

  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
}

guint
calbook_outbox_window_get_n_entries (CalbookOutboxWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_OUTBOX_WINDOW (self), 0);

  return self->groups->len;
}

/**
 * calbook_outbox_window_get_entry_widget:
 * @self: a #CalbookOutboxWindow
 * @id: an outbox entry's id
 *
 * Returns: (transfer none) (nullable): the group showing that change
 */
GtkWidget *
calbook_outbox_window_get_entry_widget (CalbookOutboxWindow *self,
                                        gint64               id)
{
  g_return_val_if_fail (CALBOOK_IS_OUTBOX_WINDOW (self), NULL);

  for (guint i = 0; i < self->groups->len; i++)
    {
      EntryView *view = g_object_get_data (g_ptr_array_index (self->groups, i), "entry-view");

      if (view->id == id)
        return view->group;
    }

  return NULL;
}

/**
 * calbook_outbox_describe_failure:
 * @store: (nullable): the store, to name the booking
 * @entry: the refused change
 * @error: (nullable): why Cal.com refused it
 *
 * Returns: (transfer full): one plain-text sentence, e.g. "Couldn't cancel
 *   the 10:00 booking with Max Müller: That time is no longer free — pick
 *   another slot"
 */
char *
calbook_outbox_describe_failure (CalbookStore             *store,
                                 const CalbookOutboxEntry *entry,
                                 const GError             *error)
{
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *attendee = NULL;
  g_autofree char *booking = NULL;
  g_autofree char *action = NULL;
  const char *kind;
  const char *reason;
  gint64 start;

  g_return_val_if_fail (entry != NULL, NULL);

  payload = parse_payload (entry->payload);
  find_time_and_attendee (store, entry, payload, NULL, &start, &attendee);
  booking = describe_booking_phrase (start, attendee);
  kind = entry->kind != NULL ? entry->kind : "";

  if (g_str_equal (kind, "create"))
    /* Translators: %s is "the 10:00 booking with Max Müller" */
    action = g_strdup_printf (_("Couldn't make %s"), booking);
  else if (g_str_equal (kind, "reschedule"))
    action = g_strdup_printf (_("Couldn't move %s"), booking);
  else if (g_str_equal (kind, "cancel"))
    action = g_strdup_printf (_("Couldn't cancel %s"), booking);
  else if (g_str_equal (kind, "confirm"))
    action = g_strdup_printf (_("Couldn't confirm %s"), booking);
  else if (g_str_equal (kind, "decline"))
    action = g_strdup_printf (_("Couldn't decline %s"), booking);
  else if (g_str_equal (kind, "mark-absent"))
    action = g_strdup_printf (_("Couldn't mark the no-show for %s"), booking);
  else if (g_str_equal (kind, "location"))
    action = g_strdup_printf (_("Couldn't change the location of %s"), booking);
  else if (g_str_equal (kind, "guests"))
    action = g_strdup_printf (_("Couldn't add guests to %s"), booking);
  else
    action = g_strdup_printf (_("Couldn't change %s"), booking);

  reason = error != NULL ? error->message : entry->last_error;
  if (reason == NULL || *reason == '\0')
    return g_steal_pointer (&action);

  /* Translators: "Couldn't cancel the 10:00 booking: <Cal.com's reason>" */
  return g_strdup_printf (_("%s: %s"), action, reason);
}
