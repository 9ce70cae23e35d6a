/* calbook-admin-bulk.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-admin-bulk.h"
#include "calbook-bidi.h"
#include "calbook-booking-actions.h"
#include "calbook-booking-text.h"

/*
 * Every change goes into the outbox first, so quitting half-way loses
 * nothing: what was not sent yet is sent on the next start. Outcomes come
 * back as the context's "mutation-applied" and "mutation-failed" for the
 * outbox entries this batch made.
 */

typedef struct
{
  char *title;
  char *problem;   /* NULL: done */
} Outcome;

struct _CalbookAdminBulk
{
  GObject              parent_instance;

  CalbookContext      *context;
  CalbookMutationKind  kind;
  char                *reason;

  /* entry id → title, while waiting for Cal.com */
  GHashTable          *waiting;
  GPtrArray           *outcomes;
  guint                n_total;
  gboolean             started;
};

G_DEFINE_FINAL_TYPE (CalbookAdminBulk, calbook_admin_bulk, G_TYPE_OBJECT)

enum {
  PROGRESS,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

static void
outcome_free (Outcome *outcome)
{
  g_free (outcome->title);
  g_free (outcome->problem);
  g_free (outcome);
}

static const char *
get_action_name (CalbookMutationKind kind)
{
  switch (kind)
    {
    case CALBOOK_MUTATION_CONFIRM:
      return "confirm";
    case CALBOOK_MUTATION_DECLINE:
      return "decline";
    case CALBOOK_MUTATION_CANCEL:
    default:
      return "cancel";
    }
}

static JsonObject *
build_body (CalbookAdminBulk *self)
{
  switch (self->kind)
    {
    case CALBOOK_MUTATION_CONFIRM:
      return calbook_mutation_build_confirm_body ();
    case CALBOOK_MUTATION_DECLINE:
      return calbook_mutation_build_decline_body (self->reason);
    case CALBOOK_MUTATION_CANCEL:
    default:
      return calbook_mutation_build_cancel_body (self->reason, FALSE);
    }
}

static void
add_outcome (CalbookAdminBulk *self,
             const char       *title,
             const char       *problem)
{
  Outcome *outcome = g_new0 (Outcome, 1);

  outcome->title = g_strdup (title != NULL && title[0] != '\0' ? title : _("Untitled booking"));
  outcome->problem = calbook_booking_text_shorten (problem);
  g_ptr_array_add (self->outcomes, outcome);

  g_signal_emit (self, signals[PROGRESS], 0);
  if (calbook_admin_bulk_is_finished (self))
    g_signal_emit (self, signals[FINISHED], 0);
}

/* Callbacks */

static void
on_mutation_applied_cb (CalbookAdminBulk   *self,
                        CalbookOutboxEntry *entry,
                        GPtrArray          *bookings)
{
  g_autofree char *title = NULL;
  g_autofree gpointer key = NULL;

  if (!g_hash_table_steal_extended (self->waiting, &entry->id, &key, (gpointer *) &title))
    return;

  add_outcome (self, title, NULL);
}

static void
on_mutation_failed_cb (CalbookAdminBulk   *self,
                       CalbookOutboxEntry *entry,
                       const GError       *error)
{
  g_autofree char *title = NULL;
  g_autofree gpointer key = NULL;

  if (!g_hash_table_steal_extended (self->waiting, &entry->id, &key, (gpointer *) &title))
    return;

  add_outcome (self, title, error != NULL ? error->message : _("Cal.com refused the change"));
}

/* GObject overrides */

static void
calbook_admin_bulk_dispose (GObject *object)
{
  CalbookAdminBulk *self = CALBOOK_ADMIN_BULK (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (calbook_admin_bulk_parent_class)->dispose (object);
}

static void
calbook_admin_bulk_finalize (GObject *object)
{
  CalbookAdminBulk *self = CALBOOK_ADMIN_BULK (object);

  g_free (self->reason);
  g_hash_table_unref (self->waiting);
  g_ptr_array_unref (self->outcomes);

  G_OBJECT_CLASS (calbook_admin_bulk_parent_class)->finalize (object);
}

static void
calbook_admin_bulk_class_init (CalbookAdminBulkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = calbook_admin_bulk_dispose;
  object_class->finalize = calbook_admin_bulk_finalize;

  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
calbook_admin_bulk_init (CalbookAdminBulk *self)
{
  self->waiting = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) outcome_free);
}

/* Public API */

CalbookAdminBulk *
calbook_admin_bulk_new (CalbookContext      *context,
                        CalbookMutationKind  kind,
                        const char          *reason)
{
  CalbookAdminBulk *self;

  g_return_val_if_fail (CALBOOK_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (kind == CALBOOK_MUTATION_CANCEL || kind == CALBOOK_MUTATION_CONFIRM ||
                        kind == CALBOOK_MUTATION_DECLINE, NULL);

  self = g_object_new (CALBOOK_TYPE_ADMIN_BULK, NULL);
  self->context = g_object_ref (context);
  self->kind = kind;
  self->reason = g_strdup (reason);

  g_signal_connect_object (context, "mutation-applied", G_CALLBACK (on_mutation_applied_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "mutation-failed", G_CALLBACK (on_mutation_failed_cb),
                           self, G_CONNECT_SWAPPED);

  return self;
}

guint
calbook_admin_bulk_count_eligible (CalbookMutationKind  kind,
                                   GPtrArray           *bookings,
                                   guint               *out_n_members)
{
  g_autoptr(GHashTable) members = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);
      GPtrArray *hosts = calbook_booking_get_hosts (booking);

      if (!calbook_booking_actions_is_enabled (booking, get_action_name (kind)))
        continue;

      n++;
      if (hosts->len > 0)
        g_hash_table_add (members, ((CalbookPerson *) g_ptr_array_index (hosts, 0))->email);
    }

  if (out_n_members != NULL)
    *out_n_members = g_hash_table_size (members);

  return n;
}

/**
 * calbook_admin_bulk_start:
 * @bookings: (element-type CalbookBooking): the chosen bookings
 *
 * Puts the change for each booking it applies to into the outbox; the
 * others get an outcome at once (why not).
 */
void
calbook_admin_bulk_start (CalbookAdminBulk *self,
                          GPtrArray        *bookings)
{
  g_return_if_fail (CALBOOK_IS_ADMIN_BULK (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  self->n_total = bookings->len;

  /* All in first, so that "finished" comes only after the last one */
  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);
      g_autoptr(JsonObject) body = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id = 0;

      if (!calbook_booking_actions_is_enabled (booking, get_action_name (self->kind)))
        continue;

      body = build_body (self);
      if (!calbook_context_enqueue (self->context, self->kind, calbook_booking_get_uid (booking),
                                    body, &id, &error))
        {
          Outcome *outcome = g_new0 (Outcome, 1);

          outcome->title = calbook_booking_text_shorten (calbook_booking_get_title (booking));
          outcome->problem = calbook_booking_text_shorten (error->message);
          g_ptr_array_add (self->outcomes, outcome);
          continue;
        }

      g_hash_table_insert (self->waiting, g_memdup2 (&id, sizeof id),
                           calbook_booking_text_shorten (calbook_booking_get_title (booking)));
    }

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);
      Outcome *outcome;

      if (calbook_booking_actions_is_enabled (booking, get_action_name (self->kind)))
        continue;

      outcome = g_new0 (Outcome, 1);
      outcome->title = calbook_booking_text_shorten (calbook_booking_get_title (booking));
      outcome->problem = g_strdup (self->kind == CALBOOK_MUTATION_CANCEL
                                   ? _("it is already cancelled, declined or over")
                                   : _("it is not waiting for confirmation"));
      g_ptr_array_add (self->outcomes, outcome);
    }

  g_signal_emit (self, signals[PROGRESS], 0);
  if (calbook_admin_bulk_is_finished (self))
    g_signal_emit (self, signals[FINISHED], 0);
}

guint
calbook_admin_bulk_get_n_total (CalbookAdminBulk *self)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_BULK (self), 0);

  return self->n_total;
}

guint
calbook_admin_bulk_get_n_done (CalbookAdminBulk *self)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_BULK (self), 0);

  return self->outcomes->len;
}

guint
calbook_admin_bulk_get_n_failed (CalbookAdminBulk *self)
{
  guint n = 0;

  g_return_val_if_fail (CALBOOK_IS_ADMIN_BULK (self), 0);

  for (guint i = 0; i < self->outcomes->len; i++)
    if (((Outcome *) g_ptr_array_index (self->outcomes, i))->problem != NULL)
      n++;

  return n;
}

gboolean
calbook_admin_bulk_is_finished (CalbookAdminBulk *self)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_BULK (self), FALSE);

  return self->started && g_hash_table_size (self->waiting) == 0;
}

/**
 * calbook_admin_bulk_dup_summary:
 *
 * Returns: (transfer full): how many succeeded, then each one that did not
 *   and why; plain text
 */
char *
calbook_admin_bulk_dup_summary (CalbookAdminBulk *self)
{
  GString *text = g_string_new (NULL);
  guint n_failed;
  guint n_done;

  g_return_val_if_fail (CALBOOK_IS_ADMIN_BULK (self), NULL);

  n_failed = calbook_admin_bulk_get_n_failed (self);
  n_done = self->outcomes->len - n_failed;

  switch (self->kind)
    {
    case CALBOOK_MUTATION_CONFIRM:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u booking confirmed.",
                                                 "%u bookings confirmed.", n_done), n_done);
      break;
    case CALBOOK_MUTATION_DECLINE:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u booking declined.",
                                                 "%u bookings declined.", n_done), n_done);
      break;
    case CALBOOK_MUTATION_CANCEL:
    default:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u booking cancelled.",
                                                 "%u bookings cancelled.", n_done), n_done);
      break;
    }

  if (n_failed > 0)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u was not changed:",
                                                 "%u were not changed:", n_failed), n_failed);
      for (guint i = 0; i < self->outcomes->len; i++)
        {
          Outcome *outcome = g_ptr_array_index (self->outcomes, i);

          g_autofree char *title = NULL;
          g_autofree char *problem = NULL;

          if (outcome->problem == NULL)
            continue;

          /* Each set apart: a title cannot reorder the line (see calbook_bidi_isolate()) */
          title = calbook_bidi_isolate (outcome->title);
          problem = calbook_bidi_isolate (outcome->problem);
          /* Translators: one booking that was not changed and why, e.g. "• Intro call: it is over" */
          g_string_append_printf (text, _("\n• %s: %s"), title, problem);
        }
    }

  return g_string_free (text, FALSE);
}
