// The empty console app figure 13 measures usoc-hil's start-up against: runtime and host start, nothing else.
return 0;
