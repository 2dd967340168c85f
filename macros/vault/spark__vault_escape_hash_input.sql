{% macro spark__vault_escape_hash_input(text) -%}
    {#- Spark, whose sessions read string literals as standard SQL (profiles.yml:
        spark.sql.parser.escapedStringLiterals), except that its lexer still pairs a
        backslash with the next character, so no literal can end in a backslash: the one
        backslash searched for is chr(92); '\\' (two) and '\|' mean what they say. -#}
    replace(replace(replace({{ text }}, chr(92), '\\'), '|', '\|'), '^', '\^')
{%- endmacro %}
