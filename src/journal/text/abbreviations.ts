/** Danish clinical abbreviations that end in a period (data) for sentence splitting: journal-ai.md §2 "Abbreviations", §3 sentences. */

/** Never end a sentence, whatever follows (unless a line break does). Lower case, with the final period. */
export const NON_TERMINAL_ABBREVIATIONS = [
  'f.eks.', 'fx.', 'bl.a.', 'u.t.p.', 'ca.', 'evt.', 'pga.', 'p.g.a.', 'jf.', 'jvf.', 'kl.', 'nr.', 'mg.', 'ml.', 'obs.',
  'obj.', 'pt.', 'pts.', 'tidl.', 'stk.', 'tbl.', 'inj.', 'amp.', 'i.v.',
  'hhv.', 'mht.', 'm.h.t.', 'vha.', 'v.h.a.', 'ift.', 'i.f.t.', 'iflg.', 'ifm.', 'i.f.m.', 'dvs.', 'd.v.s.', 'vedr.',
  'ang.', 'inkl.', 'ekskl.', 'afd.', 'amb.', 'spec.', 'st.p.', 'min.', 'max.', 'sek.', 'dr.', 'd.', 'st.', 'ad.',
  'diff.', 'us.', 'rtg.', 'mdr.', 'uge.', 'døgn.', 'dags.', 'ex.', 'o.a.', 'gg.', 'x.', 'mikrog.', 'pr.', 'temp.', 'leuk.', 'hgb.', 'kreat.', 'trombo.', 'resp.', 'sat.',
] as const;

/**
 * May end a sentence: they do when the next word starts with a capital letter. The dosing
 * abbreviations that follow the dose ("Panodil 1 g x 4 dgl. Ingen morfika.") are here; "i.v." often
 * precedes the drug ("i.v. Tazocin") and stays non-terminal.
 */
export const TERMINAL_ABBREVIATIONS = ['osv.', 'mv.', 'm.v.', 'm.m.', 'etc.', 'sin.', 'dxt.', 'dex.', 'o.l.', 'bilat.', 'dgl.', 'p.o.', 's.c.', 'i.m.', 'p.n.'] as const;
