/* demo_data.S — the sample-data CSVs linked into the binary, so `init --demo` needs no files beside it. */
#define DEMO_FILE(sym, path)        \
	.section .rodata;           \
	.global sym;                \
	.balign 16;                 \
sym:                                \
	.incbin path;               \
	.global sym##_end;          \
sym##_end:                          \
	.byte 0

DEMO_FILE(demo_plans, "sample-data/plans.csv")
DEMO_FILE(demo_officers, "sample-data/officers.csv")
DEMO_FILE(demo_methods, "sample-data/methods.csv")
DEMO_FILE(demo_hrs_sections, "sample-data/HRS-2026-sections.csv")
DEMO_FILE(demo_hip2526_sections, "sample-data/HIP-2526-sections.csv")
DEMO_FILE(demo_hip2627_sections, "sample-data/HIP-2627-sections.csv")
DEMO_FILE(demo_hrs_actions, "sample-data/HRS-2026-actions.csv")
DEMO_FILE(demo_hip2526_actions, "sample-data/HIP-2526-actions.csv")
DEMO_FILE(demo_hip2627_actions, "sample-data/HIP-2627-actions.csv")
DEMO_FILE(demo_hip2526_updates, "sample-data/HIP-2526-updates.csv")
DEMO_FILE(demo_engagements, "sample-data/engagements.csv")

	.section .note.GNU-stack,"",@progbits
