package mailtest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/mail/mailtest"
)

func ExampleListen() {
	sink, err := mailtest.Listen()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sink.Close()
	s := mail.SMTP{Host: "127.0.0.1", Port: sink.Port(), From: "noreply@example.com"}
	if err := s.Send(context.Background(), mail.Message{To: "alice@example.com", Subject: "Hi", Text: "hello"}); err != nil {
		fmt.Println(err)
		return
	}
	got := sink.Wait(1, 5*time.Second)
	fmt.Println(got[0].From, got[0].To)
	// Output: noreply@example.com [alice@example.com]
}
