package web

// NotificationURL exposes notificationURL to the tests of the package.
var NotificationURL = notificationURL
