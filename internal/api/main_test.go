package api_test

import (
	"fmt"
	"os"
	"testing"
)

// TestMain gives the tests of this package a temporary directory of their own, so that a file
// an upload leaves there (TestImportEmployeesAPI_LeavesNoFiles) is known to be theirs.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kinerja-api-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("TMPDIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
