/* C API of runtime-air: parse, print and validate AIR, and run the interpreter, from any language
 * that can call C. Every function is safe on any input; strings returned by the library are owned
 * by the caller and freed with air_string_free. */
#ifndef AIR_AIR_H
#define AIR_AIR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Parses and validates `script`. Returns 0 when valid; otherwise 1 and, if `report` is not NULL,
 * an AquaVM-style error report in *report. */
int air_validate(const char *script, size_t script_len, char **report);

/* Pretty-prints `script` in the reference compiler's layout into *out. Returns 0, or 1 with the
 * error report in *out when the script does not parse. */
int air_format(const char *script, size_t script_len, char **out);

typedef struct air_interpreter air_interpreter;

air_interpreter *air_interpreter_new(void);
void air_interpreter_free(air_interpreter *interpreter);

/* The result of one invocation. All strings are NUL-terminated and owned by the outcome. */
typedef struct air_outcome {
  int64_t ret_code;
  char *error_message;
  char *data;          /* new data of this peer; data_len bytes */
  size_t data_len;
  char *next_peers;    /* JSON array of peer ids */
  char *call_requests; /* JSON object: call id -> {"service_id", "function_name", "arguments", "tetraplets"} */
} air_outcome;

/* One invocation (see air/interpreter.h). `call_results_json` is a JSON object mapping call ids to
 * {"ret_code": n, "result": <JSON text as a string>}, or NULL for none. Returns 0 on success, or
 * -1 when an argument is invalid (then *outcome is untouched). */
int air_invoke(air_interpreter *interpreter, const char *script, size_t script_len, const char *prev_data,
               size_t prev_len, const char *current_data, size_t current_len, const char *init_peer_id,
               const char *current_peer_id, uint64_t timestamp, uint32_t ttl, const char *particle_id,
               const char *call_results_json, air_outcome *outcome);

void air_outcome_free(air_outcome *outcome);
void air_string_free(char *s);

#ifdef __cplusplus
}
#endif

#endif /* AIR_AIR_H */
