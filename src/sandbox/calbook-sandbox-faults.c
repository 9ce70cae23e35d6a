/* calbook-sandbox-faults.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "calbook-sandbox-faults.h"

struct _CalbookSandboxFaults
{
  GRand  *rand;
  double  probability[CALBOOK_SANDBOX_N_FAULTS];
  double  slow_probability;
  guint   slow_ms;
  double  stale_probability;
  guint   stale_ms;
  guint   throttle_reset_s;
  CalbookSandboxFaultTarget target;
};

static const struct
{
  const char          *name;
  CalbookSandboxFault  fault;
} fault_names[] = {
  { "drop", CALBOOK_SANDBOX_FAULT_DROP },
  { "429", CALBOOK_SANDBOX_FAULT_429 },
  { "500", CALBOOK_SANDBOX_FAULT_500 },
  { "502", CALBOOK_SANDBOX_FAULT_502 },
  { "503", CALBOOK_SANDBOX_FAULT_503 },
  { "malformed", CALBOOK_SANDBOX_FAULT_MALFORMED },
  { "504", CALBOOK_SANDBOX_FAULT_504 },
  { "applied-drop", CALBOOK_SANDBOX_FAULT_APPLIED_DROP },
  { "applied-502", CALBOOK_SANDBOX_FAULT_APPLIED_502 },
  { "applied-504", CALBOOK_SANDBOX_FAULT_APPLIED_504 },
};

/* Auxiliary methods */

static gboolean
parse_probability (const char  *text,
                   double      *out,
                   GError     **error)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !(value >= 0.0 && value <= 1.0))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Fault probability “%s” is not a number from 0 to 1", text);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* "P:MS" (MS 1000 when left out) */
static gboolean
parse_delay (char     *value,
             double   *probability,
             guint    *ms,
             GError  **error)
{
  char *colon = strchr (value, ':');
  guint64 parsed = 1000;

  if (colon != NULL)
    {
      *colon++ = '\0';
      if (!g_ascii_string_to_unsigned (colon, 10, 0, 600000, &parsed, error))
        return FALSE;
    }
  if (!parse_probability (value, probability, error))
    return FALSE;
  *ms = (guint) parsed;

  return TRUE;
}

/* Public API */

CalbookSandboxFaults *
calbook_sandbox_faults_new (const char  *spec,
                            guint64      default_seed,
                            GError     **error)
{
  g_autoptr(CalbookSandboxFaults) self = g_new0 (CalbookSandboxFaults, 1);
  g_auto(GStrv) items = NULL;
  guint64 seed = default_seed;
  guint32 seed_words[2];
  double total = 0.0;

  g_return_val_if_fail (spec != NULL, NULL);

  items = g_strsplit (spec, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      char *value;
      gboolean known = FALSE;

      if (*item == '\0')
        continue;

      value = strchr (item, '=');
      if (value == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Fault “%s” needs a value (KIND=PROBABILITY)", item);
          return NULL;
        }
      *value++ = '\0';
      g_strstrip (item);
      g_strstrip (value);

      if (g_str_equal (item, "seed"))
        {
          if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &seed, error))
            return NULL;
          continue;
        }

      if (g_str_equal (item, "slow"))
        {
          if (!parse_delay (value, &self->slow_probability, &self->slow_ms, error))
            return NULL;
          continue;
        }

      if (g_str_equal (item, "stale"))
        {
          if (!parse_delay (value, &self->stale_probability, &self->stale_ms, error))
            return NULL;
          continue;
        }

      if (g_str_equal (item, "on"))
        {
          if (g_str_equal (value, "writes"))
            self->target = CALBOOK_SANDBOX_FAULTS_ON_WRITES;
          else if (g_str_equal (value, "reads"))
            self->target = CALBOOK_SANDBOX_FAULTS_ON_READS;
          else if (g_str_equal (value, "all"))
            self->target = CALBOOK_SANDBOX_FAULTS_ON_ALL;
          else
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "Fault target “%s” is not writes, reads or all", value);
              return NULL;
            }
          continue;
        }

      if (g_str_equal (item, "429"))
        {
          char *colon = strchr (value, ':');
          guint64 seconds = 1;

          if (colon != NULL)
            {
              *colon++ = '\0';
              if (!g_ascii_string_to_unsigned (colon, 10, 0, 3600, &seconds, error))
                return NULL;
            }
          self->throttle_reset_s = (guint) seconds;
        }

      for (guint j = 0; j < G_N_ELEMENTS (fault_names); j++)
        {
          if (g_str_equal (item, fault_names[j].name))
            {
              if (!parse_probability (value, &self->probability[fault_names[j].fault], error))
                return NULL;
              known = TRUE;
            }
        }

      if (!known)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Unknown fault kind “%s” (known: 429, 500, 502, 503, 504, drop, malformed, applied-drop, applied-502, applied-504, slow, stale, on, seed)",
                       item);
          return NULL;
        }
    }

  for (guint i = 0; i < CALBOOK_SANDBOX_N_FAULTS; i++)
    total += self->probability[i];
  if (total > 1.0 + 1e-9)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Fault probabilities add up to %.3f, more than 1", total);
      return NULL;
    }
  if (self->slow_probability + self->stale_probability > 1.0 + 1e-9)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Slow and stale probabilities add up to %.3f, more than 1",
                   self->slow_probability + self->stale_probability);
      return NULL;
    }

  seed_words[0] = (guint32) (seed & 0xffffffff);
  seed_words[1] = (guint32) (seed >> 32);
  self->rand = g_rand_new_with_seed_array (seed_words, G_N_ELEMENTS (seed_words));
  if (self->throttle_reset_s == 0 && self->probability[CALBOOK_SANDBOX_FAULT_429] > 0)
    self->throttle_reset_s = 1;

  return g_steal_pointer (&self);
}

/* The X-RateLimit-Reset-Default of injected 429s, in seconds */
guint
calbook_sandbox_faults_get_throttle_reset (CalbookSandboxFaults *self)
{
  g_return_val_if_fail (self != NULL, 1);

  return self->throttle_reset_s;
}

void
calbook_sandbox_faults_free (CalbookSandboxFaults *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self);
}

/**
 * calbook_sandbox_faults_roll:
 * @is_write: whether the request may change something (not a GET)
 * @delay: (out): whether and how to hold the answer back
 * @delay_ms: (out): how long, 0 for no delay
 *
 * Draws the fault for the next request.
 */
CalbookSandboxFault
calbook_sandbox_faults_roll (CalbookSandboxFaults *self,
                             gboolean              is_write,
                             CalbookSandboxDelay  *delay,
                             guint                *delay_ms)
{
  double r;
  double slow;
  double sum = 0.0;
  gboolean targeted;

  g_return_val_if_fail (self != NULL, CALBOOK_SANDBOX_FAULT_NONE);
  g_return_val_if_fail (delay != NULL, CALBOOK_SANDBOX_FAULT_NONE);
  g_return_val_if_fail (delay_ms != NULL, CALBOOK_SANDBOX_FAULT_NONE);

  /* Always two draws, targeted or not, so the sequence depends on the
   * seed and the number of requests alone */
  r = g_rand_double (self->rand);
  slow = g_rand_double (self->rand);

  *delay = CALBOOK_SANDBOX_DELAY_NONE;
  *delay_ms = 0;
  targeted = self->target == CALBOOK_SANDBOX_FAULTS_ON_ALL ||
             (self->target == CALBOOK_SANDBOX_FAULTS_ON_WRITES) == is_write;
  if (!targeted)
    return CALBOOK_SANDBOX_FAULT_NONE;

  if (slow < self->slow_probability)
    {
      *delay = CALBOOK_SANDBOX_DELAY_SLOW;
      *delay_ms = self->slow_ms;
    }
  else if (slow < self->slow_probability + self->stale_probability)
    {
      *delay = CALBOOK_SANDBOX_DELAY_STALE;
      *delay_ms = self->stale_ms;
    }

  for (guint i = CALBOOK_SANDBOX_FAULT_DROP; i < CALBOOK_SANDBOX_N_FAULTS; i++)
    {
      sum += self->probability[i];
      if (r < sum)
        return (CalbookSandboxFault) i;
    }

  return CALBOOK_SANDBOX_FAULT_NONE;
}
