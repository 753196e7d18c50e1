# bash completion for planbench: commands and options come from `planbench help`,
# plan codes and officer names from the database, so they never drift.

# The database options already typed (--db PATH), to ask the right file.
_planbench_db_args() {
	local i
	for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
		[[ ${COMP_WORDS[i]} == --db ]] && printf -- '--db\n%s\n' "${COMP_WORDS[i + 1]}"
	done
}

# First CSV column of an export, unquoted ("Health, Education and Social Care Leads" stays whole).
_planbench_first_column() {
	awk 'NR > 1 {
		if (substr($0, 1, 1) == "\"") {
			s = substr($0, 2); out = ""
			while ((i = index(s, "\"")) > 0) {
				if (substr(s, i + 1, 1) == "\"") { out = out substr(s, 1, i); s = substr(s, i + 2) }
				else { out = out substr(s, 1, i - 1); break }
			}
			print out
		} else { split($0, f, ","); print f[1] }
	}'
}

_planbench() {
	local cur prev cmd words
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	local -a db
	mapfile -t db < <(_planbench_db_args)
	cmd=""
	local i
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--db | --today | --as) ((i++)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	local IFS=$'\n'
	case $prev in
	--db | -o | --output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--to)
		# the peers of `sync export --to`, as `sync status` lists them
		[[ $cmd == sync ]] || return
		words=$(planbench "${db[@]}" sync status 2>/dev/null | sed -n 's/^  \([^ ][^ ]*\)  *[0-9a-f]\{8\}  .*/\1/p')
		COMPREPLY=($(compgen -W "$words" -- "$cur")); return ;;
	--plan)
		words=$(planbench "${db[@]}" export --kind plans 2>/dev/null | _planbench_first_column)
		COMPREPLY=($(compgen -W "$words" -- "$cur")); return ;;
	--owner | --as)
		words=$(planbench "${db[@]}" export --kind officers 2>/dev/null | _planbench_first_column)
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		local k
		for k in "${!COMPREPLY[@]}"; do COMPREPLY[k]=$(printf '%q' "${COMPREPLY[k]}"); done
		return ;;
	--*)
		# values written in the usage as --opt a|b|c
		words=$(planbench help "$cmd" 2>/dev/null | grep -o -- "$prev [a-zA-Z_|]*|[a-zA-Z_|]*" | head -n 1 | cut -d' ' -f2 | tr '|' '\n')
		if [[ -n $words ]]; then COMPREPLY=($(compgen -W "$words" -- "$cur")); return; fi ;;
	esac
	if [[ -z $cmd ]]; then
		words=$(planbench help 2>/dev/null | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p' | sort -u)
		words+=$'\n--db\n--today\n--as\n--read-only\n--version\n--help'
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
	elif [[ $cur == -* ]]; then
		words=$(planbench help "$cmd" 2>/dev/null | grep -o -- '--[a-z-]*\|-o ' | sort -u)
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
	elif [[ $cmd == import ]]; then
		COMPREPLY=($(compgen -f -- "$cur"))
	elif [[ $cmd == sync ]]; then
		case $prev in
		sync) COMPREPLY=($(compgen -W $'status\nexport\nimport\nclone\nidentity' -- "$cur")) ;;
		import) COMPREPLY=($(compgen -f -- "$cur")) ;;
		esac
	elif [[ $cmd == settings ]]; then
		# settings set KEY VALUE: the settings kept in the database, and the values of the quarter scheme
		case $prev in
		settings) words=$'set\n--template' ;;
		set) words=$'rag.amber_days\nquarter.scheme' ;;
		quarter.scheme) words=$'financial\ncalendar' ;;
		*) words="" ;;
		esac
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
	fi
}
complete -F _planbench planbench
