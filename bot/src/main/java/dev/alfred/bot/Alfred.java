package dev.alfred.bot; public class Alfred { public static void main(String[] a){} }
