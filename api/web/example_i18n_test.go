package web_test

import (
	"fmt"

	"github.com/authledger/authledger/api/web"
)

func ExampleContrastRatio() {
	r, _ := web.ContrastRatio("#3b5bdb", "#ffffff") // the default brand colour under white button text
	fmt.Printf("%.2f:1 %v\n", r, r >= web.MinTextContrast)
	// Output: 5.67:1 true
}

func ExamplePickLanguage() {
	fmt.Println(web.PickLanguage("", "de-AT,de;q=0.9,en;q=0.5"))
	fmt.Println(web.PickLanguage("en", "de-AT"))
	fmt.Println(web.PickLanguage("", "ja"))
	// Output:
	// de
	// en
	// en
}
