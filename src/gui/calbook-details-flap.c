/* calbook-details-flap.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-details-flap.h"

struct _CalbookDetailsFlap
{
  GObject   parent_instance;

  AdwFlap  *flap;
  gboolean  selected;
  gboolean  requested;
  /* The flap moves because of us, not because of the person */
  gboolean  moving;
};

G_DEFINE_FINAL_TYPE (CalbookDetailsFlap, calbook_details_flap, G_TYPE_OBJECT)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
apply (CalbookDetailsFlap *self)
{
  gboolean reveal = self->selected && (self->requested || !adw_flap_get_folded (self->flap));

  self->moving = TRUE;
  adw_flap_set_reveal_flap (self->flap, reveal);
  self->moving = FALSE;
}

static void
on_flap_notify_cb (CalbookDetailsFlap *self,
                   GParamSpec         *pspec)
{
  if (self->moving)
    return;

  /* Closed by the person: what was selected is put down */
  if (g_str_equal (pspec->name, "reveal-flap") && !adw_flap_get_reveal_flap (self->flap) && self->selected)
    {
      self->selected = FALSE;
      self->requested = FALSE;
      g_signal_emit (self, signals[CLOSED], 0);
      return;
    }

  apply (self);
}

static void
calbook_details_flap_dispose (GObject *object)
{
  CalbookDetailsFlap *self = CALBOOK_DETAILS_FLAP (object);

  g_clear_object (&self->flap);

  G_OBJECT_CLASS (calbook_details_flap_parent_class)->dispose (object);
}

static void
calbook_details_flap_class_init (CalbookDetailsFlapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = calbook_details_flap_dispose;

  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
calbook_details_flap_init (CalbookDetailsFlap *self)
{
}

/**
 * calbook_details_flap_new:
 * @flap: the pane's flap, closed at first; only a selection opens it
 *
 * Returns: (transfer full): the rules of @flap
 */
CalbookDetailsFlap *
calbook_details_flap_new (AdwFlap *flap)
{
  CalbookDetailsFlap *self;

  g_return_val_if_fail (ADW_IS_FLAP (flap), NULL);

  self = g_object_new (CALBOOK_TYPE_DETAILS_FLAP, NULL);
  self->flap = g_object_ref (flap);

  /* Only a selection opens it, and folding does not close it on its own */
  adw_flap_set_locked (flap, TRUE);
  adw_flap_set_swipe_to_open (flap, FALSE);
  adw_flap_set_reveal_flap (flap, FALSE);

  g_signal_connect_object (flap, "notify::reveal-flap", G_CALLBACK (on_flap_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (flap, "notify::folded", G_CALLBACK (on_flap_notify_cb), self, G_CONNECT_SWAPPED);

  return self;
}

void
calbook_details_flap_update (CalbookDetailsFlap *self,
                             gboolean            selected,
                             gboolean            requested)
{
  g_return_if_fail (CALBOOK_IS_DETAILS_FLAP (self));

  self->selected = selected;
  /* Asked for once, it stays open while the same selection lasts */
  self->requested = selected && (requested || (self->requested && adw_flap_get_reveal_flap (self->flap)));
  apply (self);
}

gboolean
calbook_details_flap_get_revealed (CalbookDetailsFlap *self)
{
  g_return_val_if_fail (CALBOOK_IS_DETAILS_FLAP (self), FALSE);

  return adw_flap_get_reveal_flap (self->flap);
}

gboolean
calbook_details_flap_get_folded (CalbookDetailsFlap *self)
{
  g_return_val_if_fail (CALBOOK_IS_DETAILS_FLAP (self), FALSE);

  return adw_flap_get_folded (self->flap);
}
