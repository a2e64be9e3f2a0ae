/* Embedding runtime-air from C: validate and format a script, then run a particle on one peer,
 * answering its service call and feeding the result back. Exits 0 when the flow behaves. */
#include <stdio.h>
#include <string.h>

#include "air/air.h"

int main(void) {
  const char *script =
      "(seq (call %init_peer_id% (\"greeting\" \"hello\") [\"world\"] msg)"
      " (call %init_peer_id% (\"callbackSrv\" \"response\") [msg]))";
  char *text = NULL;
  if (air_format(script, strlen(script), &text) != 0) {
    fprintf(stderr, "format failed: %s\n", text);
    return 1;
  }
  printf("%s", text);
  air_string_free(text);

  char *report = NULL;
  if (air_validate("(call x (\"s\" \"f\") [])", 21, &report) != 1 || !strstr(report, "wasn't defined")) {
    fprintf(stderr, "an undefined variable must be reported\n");
    return 1;
  }
  air_string_free(report);

  air_interpreter *vm = air_interpreter_new();
  air_outcome first, second;
  if (air_invoke(vm, script, strlen(script), NULL, 0, NULL, 0, "peer-a", "peer-a", 1700000000000ull, 120000,
                 "particle-1", NULL, &first) != 0 || first.ret_code != 0 || !strstr(first.call_requests, "hello")) {
    fprintf(stderr, "first invocation failed\n");
    return 1;
  }
  printf("requests: %s\n", first.call_requests);
  const char *results = "{\"1\": {\"ret_code\": 0, \"result\": \"\\\"Hi, world\\\"\"}}";
  if (air_invoke(vm, script, strlen(script), first.data, first.data_len, NULL, 0, "peer-a", "peer-a",
                 1700000000000ull, 120000, "particle-1", results, &second) != 0 || second.ret_code != 0 ||
      !strstr(second.call_requests, "Hi, world")) {
    fprintf(stderr, "second invocation failed: %s\n", second.error_message);
    return 1;
  }
  printf("requests: %s\n", second.call_requests);
  air_outcome_free(&first);
  air_outcome_free(&second);
  air_interpreter_free(vm);
  return 0;
}
