/* libbad.so: needs a function that no object defines. */
int missing_function(void);
int bad_call(void) { return missing_function(); }
