package web_test

import (
	"fmt"
	"strings"

	"github.com/authledger/authledger/api/web"
)

func ExampleQRDataURL() {
	src, err := web.QRDataURL("otpauth://totp/Acme:ada@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme")
	fmt.Println(strings.HasPrefix(src, "data:image/svg+xml;base64,"), err)
	_, err = web.QRDataURL("https://example.com")
	fmt.Println(err != nil)
	// Output:
	// true <nil>
	// true
}
